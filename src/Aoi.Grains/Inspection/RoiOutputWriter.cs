using Aoi.Grains.Options;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Grains.Inspection;

/// <summary>Writes and clears a ROI's output pictures roi_idx.jpg / golden_idx.jpg (spec 3.1 step 4, 5.6).</summary>
public sealed class RoiOutputWriter(IOptions<AoiOptions> options)
{
    public static string RoiFileName(int idx) => $"roi_{idx}.jpg";

    public static string GoldenFileName(int idx) => $"golden_{idx}.jpg";

    /// <summary>
    /// Encodes <paramref name="image"/> as JPEG into <paramref name="folder"/>. Written to a temporary name and renamed
    /// so a client fetching the previous picture never reads a half-written file. Returns the failure reason or null.
    /// </summary>
    public string? TryWrite(string folder, string fileName, Mat image)
    {
        var temp = Path.Combine(folder, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, options.Value.OutputJpegQuality));
            if (jpeg.Length == 0)
            {
                return "JPEG encoding failed";
            }

            File.WriteAllBytes(temp, jpeg);
            File.Move(temp, Path.Combine(folder, fileName), overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OpenCVException or ArgumentException)
        {
            TryDelete(temp);
            return ex.Message;
        }
    }

    /// <summary>Removes a picture left by an earlier inspection so no stale image is shown.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A stale file that cannot be removed is not worth failing the ROI for.
        }
    }
}
