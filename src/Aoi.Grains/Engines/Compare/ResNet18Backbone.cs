using Aoi.Grains.Engines.Compare.Models;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// The packaged ResNet-18 (Microsoft.ML.DnnImageFeaturizer.ResNet18) cut after its third residual stage and given a
/// free input size (<see cref="OnnxModelEdits.TruncatedWithDynamicSize"/>), so a crop is seen at its own aspect ratio
/// and near its own resolution instead of squashed to 224×224, and the unused fourth stage costs nothing. The package's
/// preprocessing subtracts a 224×224 mean image; at other sizes its per-channel mean stands in (the image's spread
/// per channel is 3–6 grey levels). One shared session, one intra-op thread: parallelism comes from the ROI workers.
/// With <see cref="BackbonePrecision.Int8"/> the same graph runs statically quantised (<see cref="OnnxInt8Quantisation"/>)
/// on the activation ranges committed with the engine (<see cref="RangesResource"/>, measured by
/// <see cref="MeasureActivationRanges"/>).
/// </summary>
public sealed class ResNet18Backbone : IDisposable
{
    /// <summary>The committed activation ranges of the int8 graph: "tensor min max" lines, '#' comments.</summary>
    public const string RangesResource = "Aoi.Grains.Engines.Compare.Models.resnet18-stage3-int8-ranges.txt";

    /// <summary>End of the second residual stage: 128 channels at stride 8.</summary>
    public const string Stage2Output = "ReLU315_Output_0";

    /// <summary>End of the third residual stage: 256 channels at stride 16.</summary>
    public const string Stage3Output = "ReLU347_Output_0";

    /// <summary>Width and height must be multiples of this: each stride-2 layer of the packaged graph pads on one side
    /// only, so an odd size at any stage would leave its two residual branches one cell apart.</summary>
    public const int SizeMultiple = 16;

    private const string InputName = "Input247";
    private const int PackagedSize = 224;
    private readonly Lazy<Loaded> _loaded;
    private readonly NativeRunGuard _guard = new(nameof(ResNet18Backbone));

    public ResNet18Backbone(string modelFolder, BackbonePrecision precision = BackbonePrecision.Float32)
    {
        if (precision is not (BackbonePrecision.Float32 or BackbonePrecision.Int8))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "a backbone computes in Float32 or Int8");
        }

        Precision = precision;
        NetPath = Path.Combine(modelFolder, "ResNet18Onnx", "ResNet18.onnx");
        PrepPath = Path.Combine(modelFolder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        _loaded = new Lazy<Loaded>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string NetPath { get; }

    public string PrepPath { get; }

    public BackbonePrecision Precision { get; }

    /// <summary>What else besides the model file decides the features: part of a stored compare model's identity, so
    /// models built on one precision or calibration are never read by another.</summary>
    public string Variant => Precision == BackbonePrecision.Float32
        ? "fp32"
        : "int8:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ReadRangesText())))[..16];

    /// <summary>Loads the session now; throws <see cref="DeepModelUnavailableException"/>.</summary>
    public void EnsureLoaded()
    {
        try
        {
            _ = _loaded.Value;
        }
        catch (DeepModelUnavailableException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new DeepModelUnavailableException(ex.Message, ex);
        }
    }

    /// <summary>Stage-2 and stage-3 maps of a BGR 8-bit image whose sides are multiples of <see cref="SizeMultiple"/>.</summary>
    public (FeatureMap Stage2, FeatureMap Stage3) Run(Mat bgr)
    {
        if (bgr.Width % SizeMultiple != 0 || bgr.Height % SizeMultiple != 0 || bgr.Width == 0 || bgr.Height == 0 || bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"expected an 8-bit BGR image with sides divisible by {SizeMultiple}, got {bgr.Width}x{bgr.Height} {bgr.Type()}", nameof(bgr));
        }

        return _guard.Run(() =>
        {
            EnsureLoaded();
            var loaded = _loaded.Value;
            var planes = Planes(bgr, loaded.ChannelMeans);

            // RunOptions must stay referenced for the whole Run: a collected RunOptions crashed the process (STACK-FACTS).
            using var runOptions = new RunOptions();
            using var input = OrtValue.CreateTensorValueFromMemory(planes, [1, 3, bgr.Height, bgr.Width]);
            using var results = loaded.Session.Run(runOptions, [InputName], [input], [Stage2Output, Stage3Output]);
            return (Map(results[0], Stage2Output), Map(results[1], Stage3Output));
        });
    }

    /// <summary>
    /// The smallest and largest value of every tensor the int8 graph quantises, over <paramref name="images"/> (8-bit
    /// BGR, sides multiples of <see cref="SizeMultiple"/>) run through the FP32 graph with batch normalisation folded;
    /// the image input's range follows from the pixel range and the means. Writes what <see cref="RangesResource"/> holds.
    /// </summary>
    public IReadOnlyDictionary<string, ActivationRange> MeasureActivationRanges(IEnumerable<Mat> images)
    {
        var means = ChannelMeans();
        var folded = OnnxInt8Quantisation.FoldedBatchNorm(Truncated());
        var tensors = OnnxInt8Quantisation.RangeTensors(folded);
        var ranges = new Dictionary<string, ActivationRange>(StringComparer.Ordinal)
        {
            [InputName] = new(-means.Max(), 255f - means.Min()),
        };
        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
        using var session = new InferenceSession(OnnxModelEdits.WithOutputs(folded, tensors), options);
        foreach (var bgr in images)
        {
            using var runOptions = new RunOptions();
            using var input = OrtValue.CreateTensorValueFromMemory(Planes(bgr, means), [1, 3, bgr.Height, bgr.Width]);
            using var results = session.Run(runOptions, [InputName], [input], tensors);
            for (var t = 0; t < tensors.Count; t++)
            {
                var range = ranges.GetValueOrDefault(tensors[t], new ActivationRange(float.MaxValue, float.MinValue));
                foreach (var v in results[t].GetTensorDataAsSpan<float>())
                {
                    range = range.Including(v);
                }

                ranges[tensors[t]] = range;
            }
        }

        return ranges;
    }

    /// <summary>The committed ranges ("tensor min max" lines, see <see cref="RangesResource"/>).</summary>
    public static IReadOnlyDictionary<string, ActivationRange> CommittedRanges() => ParseRanges(ReadRangesText());

    /// <summary>Ranges from "tensor min max" lines; '#' starts a comment line.</summary>
    public static IReadOnlyDictionary<string, ActivationRange> ParseRanges(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => new ActivationRange(
                float.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                float.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal);

    private static string ReadRangesText()
    {
        using var stream = typeof(ResNet18Backbone).Assembly.GetManifestResourceStream(RangesResource)
            ?? throw new DeepModelUnavailableException($"resource {RangesResource} is missing from the engine");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Waits for runs in progress (a background model build may still be running at shutdown), then frees the session.</summary>
    public void Dispose()
    {
        if (_guard.BeginDispose() && _loaded.IsValueCreated)
        {
            _loaded.Value.Session.Dispose();
            _loaded.Value.Options.Dispose();
        }
    }

    private static FeatureMap Map(OrtValue value, string name)
    {
        var shape = value.GetTensorTypeAndShape().Shape;
        if (shape.Length != 4 || shape[0] != 1)
        {
            throw new InvalidOperationException($"{name} has shape [{string.Join(',', shape)}], expected [1,C,H,W]");
        }

        return new FeatureMap((int)shape[1], (int)shape[2], (int)shape[3], value.GetTensorDataAsSpan<float>().ToArray());
    }

    /// <summary>B, G, R planes (the order the graph expects) minus the packaged per-channel means.</summary>
    private static float[] Planes(Mat bgr, float[] means)
    {
        var (w, h) = (bgr.Width, bgr.Height);
        var plane = w * h;
        var planes = new float[3 * plane];
        bgr.GetArray(out Vec3b[] pixels);
        for (var i = 0; i < plane; i++)
        {
            var p = pixels[i];
            planes[i] = p.Item0 - means[0];
            planes[plane + i] = p.Item1 - means[1];
            planes[2 * plane + i] = p.Item2 - means[2];
        }

        return planes;
    }

    private Loaded Load()
    {
        foreach (var path in new[] { NetPath, PrepPath })
        {
            if (!File.Exists(path))
            {
                throw new DeepModelUnavailableException($"model file not found: {path}");
            }
        }

        var means = ChannelMeans();
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        try
        {
            var model = Precision == BackbonePrecision.Int8
                ? OnnxInt8Quantisation.Quantised(OnnxInt8Quantisation.FoldedBatchNorm(Truncated()), CommittedRanges())
                : Truncated();
            return new Loaded(options, new InferenceSession(model, options), means);
        }
        catch (Exception ex)
        {
            options.Dispose();
            throw ex as DeepModelUnavailableException ?? new DeepModelUnavailableException(ex.Message, ex);
        }
    }

    private byte[] Truncated() => OnnxModelEdits.TruncatedWithDynamicSize(File.ReadAllBytes(NetPath), [Stage2Output, Stage3Output]);

    /// <summary>The preprocessing model's mean image, per channel; held in B, G, R plane order (it is subtracted after the reorder).</summary>
    private float[] ChannelMeans()
    {
        var mean = OnnxModelEdits.FloatInitializer(File.ReadAllBytes(PrepPath), 3 * PackagedSize * PackagedSize);
        const int plane = PackagedSize * PackagedSize;
        return Enumerable.Range(0, 3).Select(c => (float)mean.AsSpan(c * plane, plane).ToArray().Average()).ToArray();
    }

    private sealed record Loaded(SessionOptions Options, InferenceSession Session, float[] ChannelMeans);
}

/// <summary>How the compare backbone computes: FP32 as packaged, or statically quantised to int8 (about 3× faster on CPUs
/// with VNNI; features close to FP32's, docs/benchmarks/experiments/int8-qdq), or int8 screening for FP32 decisions.</summary>
public enum BackbonePrecision
{
    Float32,
    Int8,

    /// <summary>Models built on FP32; every crop scored on int8 first, and again on FP32 when the int8 judgement lies
    /// near a decision (<see cref="Patches.ScreeningRule"/>), so the decisions are FP32's at most of int8's cost.</summary>
    Int8Screening,
}

/// <summary>The int8 backbone that screens crops before the FP32 one decides (<see cref="BackbonePrecision.Int8Screening"/>);
/// empty for the other settings. A holder of its own so the container disposes the second ONNX session.</summary>
public sealed class ScreeningBackbone(ResNet18Backbone? backbone) : IDisposable
{
    public ResNet18Backbone? Backbone => backbone;

    public void Dispose() => backbone?.Dispose();
}
