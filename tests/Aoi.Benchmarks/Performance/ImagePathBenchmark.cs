using System.Diagnostics;
using Aoi.Grains.Imaging;
using OpenCvSharp;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// The image path of one inspection, side by side in process on each board: today's full decode (OpenCvSharp
/// ImDecode) and cut, the region decode of <see cref="FrameCropper"/> (only the rows and columns the ROIs need),
/// the entropy-decoding floor (every row skipped but the last), and for a preview the DCT-domain downscale
/// (ImreadModes.ReducedColor8) against a full decode and resize.
/// </summary>
public sealed class ImagePathBenchmark(int repetitions)
{
    public ImagePathFigure Measure(BoardSet board)
    {
        var bytes = File.ReadAllBytes(board.GoodFile);
        var rects = board.EnabledRois.Select(r => r.Coords).ToArray();
        var (width, height) = ImageHeaderReader.TryReadSize(bytes) ?? throw new InvalidOperationException($"{board.GoodFile}: no size");
        RoiRect[] lastRow = [new RoiRect(0, height - 1, 1, height)];

        var full = new List<double>();
        var region = new List<double>();
        var floor = new List<double>();
        var reduced = new List<double>();
        var fullPreview = new List<double>();
        var identical = 0;
        for (var i = 0; i < repetitions; i++)
        {
            RoiCrop[] fullCrops = [];
            full.Add(Time(() =>
            {
                using var frame = ImageLoader.Decode(bytes);
                fullCrops = rects.Select(r => RoiCropper.Cut(frame, r)).ToArray();
            }));
            var regionCrops = new RoiCrop[rects.Length];
            region.Add(Time(() => FrameCropper.Cut(bytes, 1000, rects, c => regionCrops[c.Index] = c.Crop, CancellationToken.None)));
            floor.Add(Time(() => FrameCropper.Cut(bytes, 1000, lastRow, _ => { }, CancellationToken.None)));
            reduced.Add(Time(() =>
            {
                using var preview = Cv2.ImDecode(bytes, ImreadModes.ReducedColor8);
            }));
            fullPreview.Add(Time(() =>
            {
                using var frame = Cv2.ImDecode(bytes, ImreadModes.Color);
                using var preview = new Mat();
                Cv2.Resize(frame, preview, new Size(frame.Width / 8, frame.Height / 8), 0, 0, InterpolationFlags.Area);
            }));
            identical = fullCrops.Zip(regionCrops).Count(p =>
                p.First.Crop is null ? p.Second.Crop is null : p.Second.Crop is not null && p.First.Crop.Bgr.AsSpan().SequenceEqual(p.Second.Crop.Bgr));
        }

        var rows = Enumerable.Range(0, height).Count(y => rects.Any(r => r.Y1 <= y && y < r.Y2));
        var left = Math.Max(0, rects.Min(r => r.X1));
        var right = Math.Min(width, rects.Max(r => r.X2));
        var area = rects.Sum(r => (double)Math.Max(0, Math.Min(r.X2, width) - Math.Max(r.X1, 0)) * Math.Max(0, Math.Min(r.Y2, height) - Math.Max(r.Y1, 0)));
        return new ImagePathFigure(board.Product, rects.Length, bytes.Length / 1e6, (double)rows / height, (double)(right - left) / width,
            area / ((double)width * height), Stats.Median(full), Stats.Median(region), Stats.Median(floor), Stats.Median(reduced),
            Stats.Median(fullPreview), identical);
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}

/// <summary>
/// One board's image path: file size, the share of rows the ROIs cover, of columns their union spans and of the
/// frame their crops cover; median ms of each way; how many of the region decoder's crops equal the full decode's.
/// </summary>
public sealed record ImagePathFigure(
    string Product, int Rois, double Megabytes, double RowShare, double ColumnShare, double AreaShare, double FullDecodeCutMs,
    double RegionCutMs, double EntropyFloorMs, double ReducedPreviewMs, double FullPreviewMs, int IdenticalCrops);
