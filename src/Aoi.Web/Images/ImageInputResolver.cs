namespace Aoi.Web.Images;

/// <summary>
/// Turns a selected image field into the <see cref="ImageInput"/> a session grain reads: paths are checked against
/// the shared root, base64 is decoded and stored in the session input folder.
/// </summary>
public sealed class ImageInputResolver(SharedPathResolver paths, UploadedImageWriter writer)
{
    /// <summary>Checks the path rules only (400 on escape); base64 sources need no check here.</summary>
    public ImageInput? ResolvePathOnly(string sessionId, ImageSource source) => source.Kind switch
    {
        ImageSourceKind.Path => new ImageInput(paths.ResolveImagePath(source.Value), source.Value),
        ImageSourceKind.Filename => new ImageInput(paths.ResolveInputFilename(sessionId, source.Value), source.Value),
        _ => null,
    };

    public async Task<ImageInput> ResolveAsync(string sessionId, ImageSource source, CancellationToken ct) =>
        ResolvePathOnly(sessionId, source)
        ?? await writer.WriteAsync(sessionId, UploadedImageWriter.DecodeBase64(source.Value), null, ct);
}
