using OpenCvSharp;

namespace Aoi.Grains.Imaging;

/// <summary>
/// A decoded 8-bit BGR frame together with its decode-gate slot: the slot is held until the frame is disposed, so the
/// gate bounds frames in memory, not just decode calls.
/// </summary>
public sealed class DecodedFrame(Mat image, IDisposable gateLease, double decodeMs) : IDisposable
{
    public Mat Image { get; } = image;

    public int Width => Image.Width;

    public int Height => Image.Height;

    /// <summary>Wall time of reading and decoding, for the per-inspection log.</summary>
    public double DecodeMs { get; } = decodeMs;

    public void Dispose()
    {
        Image.Dispose();
        gateLease.Dispose();
    }
}
