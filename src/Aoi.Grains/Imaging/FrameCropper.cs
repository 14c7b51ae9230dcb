using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rect = OpenCvSharp.Rect;

namespace Aoi.Grains.Imaging;

/// <summary>
/// Cuts a picture's ROI crops with the least decoding: a JPEG through <see cref="JpegRegionDecoder"/> (only the rows
/// and columns the ROIs cover; crops handed out as their rows come in), anything else — PNG, BMP, TIFF, WebP, and the
/// JPEGs that path declines — through the full decode of <see cref="ImageLoader"/> and <see cref="RoiCropper"/>.
/// </summary>
/// <remarks>
/// The reading errors and their order are the full loader's (404, 413 from the header before any decode, 415), and a
/// decode holds a <see cref="FrameDecodeGate"/> slot until its last crop is cut, so the gate still bounds the decodes —
/// and, on the full-decode path, the frames — in memory at once. The decode runs on a thread-pool thread; the crops
/// reach the caller through a channel, so a grain consuming them stays on its own scheduler.
/// </remarks>
public sealed partial class FrameCropper(FrameDecodeGate gate, IOptions<AoiOptions> options, ILogger<FrameCropper> logger) : IRoiCropSource
{
    public async IAsyncEnumerable<IndexedCrop> CutAsync(
        ImageInput input, IReadOnlyList<RoiRect> rects, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var bytes = await ImageLoader.ReadBytesAsync(input, cancellationToken);
        var limit = options.Value.MaxImageMegapixels;
        ImageLoader.EnsureSizeAllowed(bytes, limit);

        using var lease = await gate.EnterAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var crops = Channel.CreateUnbounded<IndexedCrop>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var decoding = Task.Run(() =>
        {
            try
            {
                var kind = Cut(bytes, limit, rects, crop => crops.Writer.TryWrite(crop), stop.Token);
                LogCut(input.DisplayPath, kind, rects.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                crops.Writer.Complete();
            }
            catch (Exception ex)
            {
                crops.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var crop in crops.Reader.ReadAllAsync(cancellationToken))
            {
                yield return crop;
            }
        }
        finally
        {
            // The caller may stop early (an exception, a break): stop the decoder and wait for it, so that the gate
            // slot is freed only when no decoder memory is left.
            await stop.CancelAsync();
            await decoding;
        }
    }

    /// <summary>Cuts every rectangle from the picture and names the path taken.</summary>
    internal static string Cut(byte[] bytes, int limitMegapixels, IReadOnlyList<RoiRect> rects, Action<IndexedCrop> onCrop, CancellationToken cancellationToken)
    {
        using (var region = JpegRegionDecoder.TryOpen(bytes))
        {
            if (region is not null)
            {
                var areas = new List<(int Index, Rect Area)>();
                var warnings = new string?[rects.Count];
                for (var i = 0; i < rects.Count; i++)
                {
                    var clip = RoiCropper.Clip(rects[i], region.Width, region.Height);
                    if (clip.Area is { } area)
                    {
                        areas.Add((i, area));
                        warnings[i] = clip.Warning;
                    }
                    else
                    {
                        onCrop(new IndexedCrop(i, new RoiCrop(null, null, clip.Error)));
                    }
                }

                region.Decode(areas, (i, crop) => onCrop(new IndexedCrop(i, new RoiCrop(crop, warnings[i], null))), cancellationToken);
                return "jpeg region";
            }
        }

        using var frame = ImageLoader.Decode(bytes);
        // The header said otherwise only if the codec reads a different frame than the header reader.
        ImageLoader.EnsureWithinLimit(frame.Width, frame.Height, limitMegapixels);
        for (var i = 0; i < rects.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onCrop(new IndexedCrop(i, RoiCropper.Cut(frame, rects[i])));
        }

        return "full decode";
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "Cut {Count} crops from {Picture} by {Path} in {Ms:F0} ms")]
    private partial void LogCut(string picture, string path, int count, double ms);
}
