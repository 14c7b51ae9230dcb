namespace Aoi.Web.Http;

/// <summary>
/// Reads a multipart/form-data body, turning the form reader's refusals into legacy errors: limits → 413, a malformed
/// body (no or wrong boundary, broken part headers, too many parts, body ending early) → 400.
/// </summary>
public static class MultipartFormReader
{
    public const string InvalidMultipart = "Invalid multipart/form-data body";

    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "Request body too large");
        }
        // BadHttpRequestException is an IOException too: the server's own limits and errors keep their status.
        catch (Exception ex) when (ex is InvalidDataException or IOException && ex is not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, InvalidMultipart);
        }
    }
}
