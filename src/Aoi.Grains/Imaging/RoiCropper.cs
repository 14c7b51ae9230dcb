using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Aoi.Grains.Imaging;

/// <summary>A ROI's clipped crop, or the reason there is none (spec 3.1 step 2).</summary>
public sealed record RoiCrop(CropImage? Crop, string? Warning, string? Error);

/// <summary>A ROI rectangle clipped to a frame: the area to cut with an optional warning, or the error when none is left.</summary>
public sealed record RoiClip(Rect? Area, string? Warning, string? Error);

/// <summary>Clips ROI rectangles to the frame and converts crops between OpenCV and the wire form.</summary>
public static class RoiCropper
{
    /// <summary>
    /// Crop <c>[max(x1,0), max(y1,0), min(x2,W), min(y2,H))</c>: as is when inside, clipped with a warning when partly
    /// outside, an error when nothing is left.
    /// </summary>
    public static RoiCrop Cut(Mat frame, RoiRect rect)
    {
        var clip = Clip(rect, frame.Width, frame.Height);
        if (clip.Area is not { } area)
        {
            return new RoiCrop(null, null, clip.Error);
        }

        using var view = new Mat(frame, area);
        return new RoiCrop(ToCropImage(view), clip.Warning, null);
    }

    /// <summary>The clipping rule of spec 3.1 step 2 for a frame of <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static RoiClip Clip(RoiRect rect, int width, int height)
    {
        int cx1 = Math.Max(rect.X1, 0), cy1 = Math.Max(rect.Y1, 0);
        int cx2 = Math.Min(rect.X2, width), cy2 = Math.Min(rect.Y2, height);
        if (cx2 <= cx1 || cy2 <= cy1)
        {
            return new RoiClip(null, null,
                $"ROI [{rect.X1}, {rect.Y1}, {rect.X2}, {rect.Y2}] is outside the image ({width}x{height})");
        }

        var clipped = cx1 != rect.X1 || cy1 != rect.Y1 || cx2 != rect.X2 || cy2 != rect.Y2;
        var warning = clipped ? $"ROI clipped to [{cx1}, {cy1}, {cx2}, {cy2}] (image {width}x{height})" : null;
        return new RoiClip(new Rect(cx1, cy1, cx2 - cx1, cy2 - cy1), warning, null);
    }

    /// <summary>Packs an 8-bit BGR Mat (possibly a non-continuous ROI view) into row-major bytes without padding.</summary>
    public static CropImage ToCropImage(Mat bgr)
    {
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"expected an 8-bit 3-channel image, got {bgr.Type()}", nameof(bgr));
        }

        var (width, height) = (bgr.Width, bgr.Height);
        var rowBytes = width * 3;
        var bytes = new byte[rowBytes * height];
        for (var y = 0; y < height; y++)
        {
            Marshal.Copy(bgr.Ptr(y), bytes, y * rowBytes, rowBytes);
        }

        return new CropImage(width, height, bytes);
    }

    /// <summary>A new Mat owning a copy of the crop's pixels (the caller disposes it).</summary>
    public static Mat ToMat(CropImage crop)
    {
        if (crop.Bgr.Length != crop.Width * crop.Height * 3)
        {
            throw new ArgumentException($"crop of {crop.Width}x{crop.Height} carries {crop.Bgr.Length} bytes", nameof(crop));
        }

        var mat = new Mat(crop.Height, crop.Width, MatType.CV_8UC3);
        var rowBytes = crop.Width * 3;
        for (var y = 0; y < crop.Height; y++)
        {
            Marshal.Copy(crop.Bgr, y * rowBytes, mat.Ptr(y), rowBytes);
        }

        return mat;
    }
}
