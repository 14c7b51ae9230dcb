using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// What the packaged ResNet-18 costs per crop through ONNX Runtime (one intra-op thread, as the server runs it) when
/// only stages 1–3 run, when crops are batched, and when a crop runs at its own size instead of 224×224. The variants
/// are written by Peer/model_variants.py (python3-onnx): the whole graph with a dynamic batch, and stages 1–3 with
/// dynamic batch and size. Independent of the compare engine: the inputs are random planes, since convolution time
/// does not depend on the values.
/// </summary>
public sealed class ModelStageBenchmark(int repetitions)
{
    public async Task<List<EngineFigure>> MeasureAsync(string folder, IReadOnlyList<BoardSet> boards)
    {
        var (exit, output) = await SeedPeer.RunAsync([Path.Combine(AppContext.BaseDirectory, "Peer", "model_variants.py"),
            Path.Combine(SeedPeer.Models, "ResNet18Onnx", "ResNet18.onnx"), folder]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"model_variants.py exited with {exit}: {output}");
        }

        var stage3 = output.Trim();
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        using var full = new InferenceSession(Path.Combine(folder, "full.onnx"), options);
        using var stages = new InferenceSession(Path.Combine(folder, "stages13.onnx"), options);
        var fullOutput = full.OutputMetadata.Keys.Single();
        var figures = new List<EngineFigure>
        {
            Fixed("ResNet-18 whole, 224², batch 1", full, fullOutput, 1),
            Fixed("ResNet-18 whole, 224², batch 8 (per crop)", full, fullOutput, 8),
            Fixed("stages 1–3, 224², batch 1", stages, stage3, 1),
            Fixed("stages 1–3, 224², batch 8 (per crop)", stages, stage3, 8),
        };

        // The graph's explicit pads (stride-2 convolutions padded on the top and left only) fit inputs whose sides are
        // multiples of 32; other sizes break the residual additions, so a crop runs padded up to the next multiple.
        var crops = boards.SelectMany(b => b.EnabledRois.Where(r => r.Type == RoiDefinition.Compare))
            .Select(r => (Width: RoundUp(r.Coords.Width), Height: RoundUp(r.Coords.Height))).ToList();
        var own = new List<double>();
        var firstOfShape = new List<double>();
        foreach (var (width, height) in crops)
        {
            var times = Enumerable.Range(0, repetitions + 1).Select(_ => Run(stages, stage3, 1, height, width)).ToList();
            firstOfShape.Add(times[0]);
            own.Add(Stats.Median(times.Skip(1)));
        }

        var sizes = crops.Count == 0 ? "–" : $"{crops.Min(c => c.Width * c.Height)}–{crops.Max(c => c.Width * c.Height)} px";
        figures.Add(new EngineFigure($"stages 1–3 at the crop's own size, sides rounded up to 32 ({stage3})", crops.Count, Stats.Median(own), own.DefaultIfEmpty(double.NaN).Average(),
            Stats.Percentile(own, 90), sizes, $"first run of a size: median {Stats.Median(firstOfShape):F1} ms; Σ per board ≈ {own.Sum() / Math.Max(1, boards.Count):F0} ms"));
        return figures;
    }

    private static int RoundUp(int side) => Math.Max(32, (side + 31) / 32 * 32);

    private EngineFigure Fixed(string name, InferenceSession session, string outputName, int batch)
    {
        var times = Enumerable.Range(0, repetitions + 1).Select(_ => Run(session, outputName, batch, 224, 224) / batch).Skip(1).ToList();
        return new EngineFigure(name, batch, Stats.Median(times), times.Average(), Stats.Percentile(times, 90), "224×224", "–");
    }

    private static double Run(InferenceSession session, string outputName, int batch, int height, int width)
    {
        var planes = new float[batch * 3 * height * width];
        var random = new Random(7);
        for (var i = 0; i < planes.Length; i++)
        {
            planes[i] = (float)(random.NextDouble() * 200 - 100);
        }

        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(planes, [batch, 3, height, width]);
        var started = Stopwatch.GetTimestamp();
        using var results = session.Run(runOptions, [session.InputMetadata.Keys.Single()], [input], [outputName]);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
