using Aoi.Grains.Options;
using Aoi.Web.Http;

namespace Aoi.Web.Images;

/// <summary>
/// Stores base64 and multipart uploads in <c>sessions/&lt;id&gt;/input/</c> (spec 5.5) so that the session grain
/// always receives a path in the shared root, never picture bytes in a grain message.
/// </summary>
public sealed class UploadedImageWriter(AoiPaths paths)
{
    public const string InvalidBase64 = "Invalid base64 image data";

    /// <summary>Decode base64 text (optional data-URL prefix, whitespace ignored); 400 when it is not base64.</summary>
    public static byte[] DecodeBase64(string text)
    {
        // A data URL carries "data:<mime>;base64," in front; base64 itself never contains a comma.
        var comma = text.IndexOf(',');
        var payload = comma >= 0 ? text[(comma + 1)..] : text;
        var compact = string.Concat(payload.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, InvalidBase64);
        }

        var bytes = new byte[compact.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(compact, bytes, out var written) || written == 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, InvalidBase64);
        }

        return bytes.AsSpan(0, written).ToArray();
    }

    /// <summary>Write bytes as a new uniquely named file in the session input folder.</summary>
    public async Task<ImageInput> WriteAsync(string sessionId, ReadOnlyMemory<byte> bytes, string? fileNameHint, CancellationToken ct)
    {
        var (serverPath, clientPath) = NewInputFile(sessionId, ExtensionFor(bytes.Span, fileNameHint));
        await File.WriteAllBytesAsync(serverPath, bytes.ToArray(), ct);
        return new ImageInput(serverPath, clientPath);
    }

    /// <summary>Stream an uploaded file into the session input folder without buffering it whole.</summary>
    public async Task<ImageInput> WriteAsync(string sessionId, IFormFile file, CancellationToken ct)
    {
        var head = new byte[16];
        int headLength;
        await using (var probe = file.OpenReadStream())
        {
            headLength = await probe.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var (serverPath, clientPath) = NewInputFile(sessionId, ExtensionFor(head.AsSpan(0, headLength), file.FileName));
        await using (var target = File.Create(serverPath))
        {
            await file.CopyToAsync(target, ct);
        }

        return new ImageInput(serverPath, clientPath);
    }

    private (string ServerPath, string ClientPath) NewInputFile(string sessionId, string extension)
    {
        var folder = paths.SessionInput(sessionId);
        Directory.CreateDirectory(folder);
        var name = $"upload_{DateTime.UtcNow:yyyyMMdd_HHmmss_fff}_{Guid.NewGuid():N}{extension}";
        return (Path.Combine(folder, name), $"{paths.ClientPrefix}sessions/{sessionId}/input/{name}");
    }

    /// <summary>Extension from the image signature, else from the client's file name, else .jpg (the clients' format).</summary>
    public static string ExtensionFor(ReadOnlySpan<byte> head, string? fileNameHint)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ".jpg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])) return ".png";
        if (head.StartsWith("BM"u8)) return ".bmp";
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return ".tif";

        var hinted = Path.GetExtension(fileNameHint ?? "").ToLowerInvariant();
        return hinted is ".jpg" or ".jpeg" or ".png" or ".bmp" or ".tif" or ".tiff" ? hinted : ".jpg";
    }
}
