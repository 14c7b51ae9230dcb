using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Models;
using Aoi.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class OnnxInt8QuantisationTests
{
    private static readonly ResNet18Backbone Float32 = new(ResNet18Model.DefaultFolder);
    private static readonly ResNet18Backbone Int8 = new(ResNet18Model.DefaultFolder, BackbonePrecision.Int8);
    private static readonly Lazy<byte[]> Truncated = new(() => OnnxModelEdits.TruncatedWithDynamicSize(
        File.ReadAllBytes(Float32.NetPath), [ResNet18Backbone.Stage2Output, ResNet18Backbone.Stage3Output]));

    private static readonly Lazy<byte[]> Folded = new(() => OnnxInt8Quantisation.FoldedBatchNorm(Truncated.Value));

    [Fact]
    public void FoldingBatchNormRemovesItAndComputesTheSameStages()
    {
        var graph = ModelProto.Parser.ParseFrom(Folded.Value).Graph;
        Assert.DoesNotContain(graph.Node, n => n.OpType == "BatchNormalization");
        Assert.Equal(ModelProto.Parser.ParseFrom(Truncated.Value).Graph.Node.Count(n => n.OpType == "Conv"), graph.Node.Count(n => n.OpType == "Conv"));

        var planes = RandomPlanes(96, 160, seed: 3);
        var before = Run(Truncated.Value, planes, 96, 160);
        var after = Run(Folded.Value, planes, 96, 160);
        for (var i = 0; i < before.Length; i++)
        {
            var largest = before[i].Max(Math.Abs);
            var worst = before[i].Zip(after[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst < 1e-3 * largest, $"output {i}: largest difference {worst} of values up to {largest}");
        }
    }

    [Fact]
    public void TheQuantisedGraphIsInQdqFormWithoutReluAndItsFeaturesAgreeWithFloat32()
    {
        var quantised = OnnxInt8Quantisation.Quantised(Folded.Value, ResNet18Backbone.CommittedRanges());
        var graph = ModelProto.Parser.ParseFrom(quantised).Graph;
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Relu");
        // One quantised input per convolution, every weight dequantised per output channel.
        Assert.Equal(graph.Node.Count(n => n.OpType == "Conv"), graph.Node.Count(n => n.Name.EndsWith("_WDQ", StringComparison.Ordinal)));
        Assert.All(graph.Node.Where(n => n.Name.EndsWith("_WDQ", StringComparison.Ordinal)), n => Assert.Contains(n.Attribute, a => a.Name == "axis" && a.I == 0));
        Assert.Contains(graph.Node, n => n.OpType == "QuantizeLinear");
        Assert.Equal([ResNet18Backbone.Stage2Output, ResNet18Backbone.Stage3Output], graph.Output.Select(o => o.Name));

        using var chip = DrawnParts.Chip(160, 96);
        var (fp2, fp3) = Float32.Run(chip);
        var (q2, q3) = Int8.Run(chip);
        Assert.Equal((fp3.Channels, fp3.Height, fp3.Width), (q3.Channels, q3.Height, q3.Width));
        foreach (var (a, b) in new[] { (fp2, q2), (fp3, q3) })
        {
            var cosines = CellCosines(a, b);
            Assert.True(cosines.Average() > 0.98, $"mean cell cosine {cosines.Average():F4}");
            Assert.True(cosines.Min() > 0.8, $"worst cell cosine {cosines.Min():F4}");
        }

        // Relu folded into the zero point: no feature is negative.
        Assert.DoesNotContain(q3.Values, v => v < 0);
    }

    [Fact]
    public void TheCommittedRangesCoverEveryQuantisedTensorAndAMissingOneIsRefusedByName()
    {
        var ranges = ResNet18Backbone.CommittedRanges();
        var needed = OnnxInt8Quantisation.RangeTensors(Folded.Value);
        // The outputs are measured before their Relu, which the quantised graph folds into the zero point.
        Assert.DoesNotContain(ResNet18Backbone.Stage3Output, needed);
        Assert.Equal(22, needed.Count);
        Assert.All(needed, t => Assert.True(ranges.TryGetValue(t, out var r) && r.Max > 0 && r.Min <= r.Max, $"no range for {t}"));

        var dropped = needed[^1];
        var missing = ranges.Where(r => r.Key != dropped).ToDictionary();
        var error = Assert.Throws<InvalidDataException>(() => OnnxInt8Quantisation.Quantised(Folded.Value, missing));
        Assert.Contains(dropped, error.Message);
    }

    [Fact]
    public void MeasuredRangesCoverTheImagesTheyAreMeasuredOn()
    {
        using var chip = DrawnParts.Chip(160, 96);
        using var board = DrawnParts.Board(224, 112, seed: 5);
        var ranges = Float32.MeasureActivationRanges([chip, board]);
        Assert.Equal(OnnxInt8Quantisation.RangeTensors(Folded.Value).Count + 1, ranges.Count);
        Assert.All(ranges.Values, r => Assert.True(r.Max > 0 && r.Min <= r.Max && float.IsFinite(r.Min)));
        // The image input's range follows from the pixel range and the channel means (about 103, 116 and 123).
        Assert.InRange(ranges["Input247"].Min, -130f, -120f);
        Assert.InRange(ranges["Input247"].Max, 145f, 160f);
    }

    [Fact]
    public void StoredModelsOfOnePrecisionAreNotThoseOfTheOther()
    {
        Assert.Equal("fp32", Float32.Variant);
        Assert.StartsWith("int8:", Int8.Variant);
        var engine = typeof(ResNet18Backbone).Assembly;
        Assert.NotEqual(LibraryModelStore.BuildOf(engine, Float32.Variant, Float32.NetPath), LibraryModelStore.BuildOf(engine, Int8.Variant, Int8.NetPath));
    }

    [Fact]
    public void TheOptionChoosesTheBackbonePrecision()
    {
        var services = new ServiceCollection();
        services.AddOptions<AoiOptions>().Configure(o => o.CompareBackbone = BackbonePrecision.Int8);
        services.AddLogging();
        services.AddCompareEngine();
        using var provider = services.BuildServiceProvider();
        Assert.Equal(BackbonePrecision.Int8, provider.GetRequiredService<ResNet18Backbone>().Precision);
    }

    private static float[] RandomPlanes(int height, int width, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 3 * height * width).Select(_ => (float)(random.NextDouble() * 255 - 120))];
    }

    private static float[][] Run(byte[] model, float[] planes, int height, int width)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(planes, [1, 3, height, width]);
        using var results = session.Run(runOptions, ["Input247"], [input], [ResNet18Backbone.Stage2Output, ResNet18Backbone.Stage3Output]);
        return [.. results.Select(r => r.GetTensorDataAsSpan<float>().ToArray())];
    }

    private static List<double> CellCosines(FeatureMap a, FeatureMap b)
    {
        var cells = a.Height * a.Width;
        var cosines = new List<double>(cells);
        for (var i = 0; i < cells; i++)
        {
            double dot = 0, na = 0, nb = 0;
            for (var c = 0; c < a.Channels; c++)
            {
                var (u, v) = (a.Values[c * cells + i], b.Values[c * cells + i]);
                (dot, na, nb) = (dot + u * v, na + u * u, nb + v * v);
            }

            // A cell that is zero in both is the same cell.
            cosines.Add(na == 0 && nb == 0 ? 1 : dot / Math.Sqrt(na * nb + 1e-12));
        }

        return cosines;
    }
}
