using Microsoft.AspNetCore.Http.Features;

namespace Aoi.Web.Http;

/// <summary>
/// Turns every failure into the legacy error JSON (spec 7.0): client errors keep their status and text, an oversized
/// body is 413, a lost silo or other transient cluster failure is 503 with Retry-After, anything unexpected is a
/// logged 500 that never leaks internals. Also gives the routing 404/405 (which have no body) the legacy texts.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException ex)
        {
            await WriteAsync(context, ex.Status, ex.Error, ex.ValidationErrors);
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large");
            return;
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            // Form reader limits (multipart body or value length) surface as InvalidDataException.
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large");
            return;
        }
        catch (InvalidDataException)
        {
            // The form reader's other refusals: missing or overlong boundary, malformed part headers, too many parts.
            await WriteAsync(context, StatusCodes.Status400BadRequest, MultipartFormReader.InvalidMultipart);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(context, ex.StatusCode, "Bad request");
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return;
        }
        catch (Exception ex) when (ClusterUnavailable.IsTransient(ex, context.RequestAborted))
        {
            logger.LogWarning("{Method} {Path} interrupted by the cluster ({Reason}); answered 503", context.Request.Method,
                context.Request.Path, $"{ex.GetType().Name}: {ex.Message}");
            var inspection = context.GetEndpoint()?.Metadata.GetMetadata<ClusterUnavailable.InspectionEndpoint>() is not null;
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                inspection ? ClusterUnavailable.InspectionError : ClusterUnavailable.RequestError);
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error");
            return;
        }

        await WriteRoutingErrorAsync(context);
    }

    private static async Task WriteRoutingErrorAsync(HttpContext context)
    {
        var response = context.Response;
        if (response.HasStarted || response.ContentLength is > 0 || response.ContentType is not null)
        {
            return;
        }

        // Routing answers an unknown path with 404 and a known path with the wrong verb with 405, both without a body.
        if (response.StatusCode == StatusCodes.Status404NotFound)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "Not found");
        }
        else if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed");
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string error, IReadOnlyList<string>? validationErrors = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = ClusterUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await LegacyResults.Error(status, error, validationErrors).ExecuteAsync(context);
    }
}
