using System.Diagnostics;
using Aoi.Grains.Imaging;
using Aoi.Grains.Inspection;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// The same cut ROIs of a real board through the StatelessWorker grains (as the session grain dispatches them) and
/// through a plain Parallel.ForEachAsync over the same RoiProcessor with the same degree of parallelism, rounds
/// interleaved so machine noise hits both alike.
/// </summary>
public sealed class FanOutBenchmark(IGrainFactory grains, RoiProcessor processor, Workspace workspace, int rounds)
{
    private readonly int _cores = Environment.ProcessorCount;

    public async Task<FanOutFigure> MeasureAsync(BoardSet board)
    {
        var items = Cut(board);
        var costOrder = RoiWorkOrder.LongestFirst(items).ToList();
        var areaOrder = items.OrderByDescending(i => i.Crop is null ? 0L : (long)i.Crop.Width * i.Crop.Height).ToList();
        var worker = grains.GetGrain<IRoiInspectorGrain>(0);

        // One unmeasured pass of each: goldens decoded and cached, output folder created.
        await ThroughGrains(worker, costOrder);
        await ThroughParallelForEach(costOrder);

        var grain = new List<double>();
        var grainArea = new List<double>();
        var plain = new List<double>();
        var sums = new List<double>();
        var grainCpu = new List<double>();
        var plainCpu = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // Rotate which variant goes first so a slow moment of the machine does not always hit the same one.
            var runs = new Func<Task>[]
            {
                async () =>
                {
                    var cpu = ProcessCpu.Used();
                    var (ms, sum) = await ThroughGrains(worker, costOrder);
                    grainCpu.Add((ProcessCpu.Used() - cpu).TotalMilliseconds);
                    grain.Add(ms);
                    sums.Add(sum);
                },
                async () => grainArea.Add((await ThroughGrains(worker, areaOrder)).Ms),
                async () =>
                {
                    var cpu = ProcessCpu.Used();
                    plain.Add((await ThroughParallelForEach(costOrder)).Ms);
                    plainCpu.Add((ProcessCpu.Used() - cpu).TotalMilliseconds);
                },
            };
            for (var i = 0; i < runs.Length; i++)
            {
                await runs[(i + round) % runs.Length]();
            }
        }

        return new FanOutFigure(board.Product, items.Count, rounds, Stats.Median(grain), Stats.Median(grainArea), Stats.Median(plain),
            Stats.Median(sums), grainCpu.Average(), plainCpu.Average());
    }

    private List<RoiWorkItem> Cut(BoardSet board)
    {
        using var frame = OpenCvSharp.Cv2.ImRead(board.GoodFile, OpenCvSharp.ImreadModes.Color);
        var snapshot = board.Snapshot;
        var output = workspace.Sub(Path.Combine("inproc-output", board.Product));
        return board.EnabledRois.Select(roi =>
        {
            var cut = RoiCropper.Cut(frame, roi.Coords);
            return new RoiWorkItem(board.Product, snapshot.ProductFolder, roi, cut.Crop, cut.Warning, output,
                $"{Workspace.ClientPrefix}bench/{board.Product}/", snapshot.ProductColorRanges, null, cut.Error);
        }).ToList();
    }

    private static async Task<(double Ms, double SumRoiMs)> ThroughGrains(IRoiInspectorGrain worker, List<RoiWorkItem> ordered)
    {
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(ordered.Select(item => worker.InspectAsync(item)));
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, results.Sum(r => r.ProcessingTimeMs));
    }

    private async Task<(double Ms, double SumRoiMs)> ThroughParallelForEach(List<RoiWorkItem> ordered)
    {
        var results = new RoiResult[ordered.Count];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, ordered.Count), new ParallelOptions { MaxDegreeOfParallelism = _cores },
            async (i, ct) => results[i] = await processor.ProcessAsync(ordered[i], ct));
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, results.Sum(r => r.ProcessingTimeMs));
    }
}
