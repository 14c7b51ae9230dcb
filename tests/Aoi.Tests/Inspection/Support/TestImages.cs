using OpenCvSharp;

namespace Aoi.Tests.Inspection.Support;

/// <summary>Synthetic pictures written by the tests (lossless PNG unless a test needs another format).</summary>
public static class TestImages
{
    /// <summary>A frame of <paramref name="background"/> with the given rectangles painted in BGR colours.</summary>
    public static Mat Frame(int width, int height, Scalar background, params (RoiRect Rect, Scalar Bgr)[] patches)
    {
        var frame = new Mat(height, width, MatType.CV_8UC3, background);
        foreach (var (rect, bgr) in patches)
        {
            frame.Rectangle(new Rect(rect.X1, rect.Y1, rect.Width, rect.Height), bgr, thickness: -1);
        }

        return frame;
    }

    public static string Write(string folder, string fileName, Mat image)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        Cv2.ImWrite(path, image);
        return path;
    }

    /// <summary>Scalar for an RGB triple (OpenCV stores BGR).</summary>
    public static Scalar Rgb(int r, int g, int b) => new(b, g, r);
}
