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
/// </summary>
public sealed class ResNet18Backbone : IDisposable
{
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

    public ResNet18Backbone(string modelFolder)
    {
        NetPath = Path.Combine(modelFolder, "ResNet18Onnx", "ResNet18.onnx");
        PrepPath = Path.Combine(modelFolder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        _loaded = new Lazy<Loaded>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string NetPath { get; }

    public string PrepPath { get; }

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

        // The preprocessing model's mean image is held in B, G, R plane order (it is subtracted after the reorder).
        var mean = OnnxModelEdits.FloatInitializer(File.ReadAllBytes(PrepPath), 3 * PackagedSize * PackagedSize);
        const int plane = PackagedSize * PackagedSize;
        var means = Enumerable.Range(0, 3).Select(c => (float)mean.AsSpan(c * plane, plane).ToArray().Average()).ToArray();

        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        try
        {
            var model = OnnxModelEdits.TruncatedWithDynamicSize(File.ReadAllBytes(NetPath), [Stage2Output, Stage3Output]);
            return new Loaded(options, new InferenceSession(model, options), means);
        }
        catch (Exception ex)
        {
            options.Dispose();
            throw ex as DeepModelUnavailableException ?? new DeepModelUnavailableException(ex.Message, ex);
        }
    }

    private sealed record Loaded(SessionOptions Options, InferenceSession Session, float[] ChannelMeans);
}
