using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>Decoding and sizing of golden samples for comparison with a crop.</summary>
public static class GoldenImages
{
    /// <summary>
    /// Decodes a golden file to 8-bit BGR at the crop's size, or null when the file cannot be read or decoded. Area
    /// averaging when shrinking (no aliasing), bilinear when enlarging.
    /// </summary>
    public static Mat? LoadAtSize(string path, Size size)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var decoded = bytes.Length == 0 ? new Mat() : Cv2.ImDecode(bytes, ImreadModes.Color);
        if (decoded.Empty())
        {
            decoded.Dispose();
            return null;
        }

        if (decoded.Size() == size)
        {
            return decoded;
        }

        using (decoded)
        {
            var resized = new Mat();
            var shrinking = size.Width * (long)size.Height < decoded.Width * (long)decoded.Height;
            Cv2.Resize(decoded, resized, size, 0, 0, shrinking ? InterpolationFlags.Area : InterpolationFlags.Linear);
            return resized;
        }
    }
}
