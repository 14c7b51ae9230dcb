using Aoi.Web.Http;
using Aoi.Web.Images;

namespace Aoi.Web.Inspection;

/// <summary>
/// Reads a single-image inspection request (spec 7.5 order) for both the synchronous and the live endpoint: a JSON
/// body with image_path, image_filename or base64 image, or a multipart body with the file image, and the device
/// barcodes. Uploads and base64 pictures are stored in the session's input folder first, so the grain gets a path.
/// </summary>
public sealed class SingleInspectionReader(ImageInputResolver resolver, UploadedImageWriter writer)
{
    public const string ImageRequired = "Image data is required (image_path, image_filename, image or multipart image)";
    public const string RequestDataRequired = "Request data is required";

    public async Task<InspectionRequest> ReadAsync(HttpRequest request, SessionStatus session, DateTimeOffset receivedAt,
        CancellationToken ct)
    {
        if (JsonBodyReader.IsMultipart(request.ContentType))
        {
            var form = await MultipartFormReader.ReadAsync(request, ct);
            if (form.Count == 0 && form.Files.Count == 0)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, RequestDataRequired);
            }

            var file = form.Files.GetFile("image");
            if (file is null || file.Length == 0)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, ImageRequired);
            }

            var barcodes = DeviceBarcodesParser.FromForm(form["device_barcodes"].FirstOrDefault(), form["device_barcode"].FirstOrDefault());
            return InspectionRequest.Single(await writer.WriteAsync(session.SessionId, file, ct), barcodes, receivedAt);
        }

        var body = await JsonBodyReader.ReadObjectAsync(request, RequestDataRequired, ct);
        var source = ImageSource.Select(body) ?? throw new ApiException(StatusCodes.Status400BadRequest, ImageRequired);
        var jsonBarcodes = DeviceBarcodesParser.FromJson(body);
        return InspectionRequest.Single(await resolver.ResolveAsync(session.SessionId, source, ct), jsonBarcodes, receivedAt);
    }
}
