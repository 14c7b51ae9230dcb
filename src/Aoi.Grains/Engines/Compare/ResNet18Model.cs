using Aoi.Grains.Engines.Compare.Models;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// The ResNet-18 ONNX model shipped by Microsoft.ML.DnnImageFeaturizer.ResNet18, fed through the package's own
/// preprocessing model. One instance per process: InferenceSession.Run is thread-safe, so every ROI worker shares the
/// two sessions, each limited to one intra-op thread because parallelism comes from the workers.
/// </summary>
public sealed class ResNet18Model : IDisposable
{
    public const int InputSize = 224;
    private const string NetInputName = "Input247";
    private const string NetOutputName = "Pooling395_Output_0";

    /// <summary>Output of the second residual stage, [1,128,28,28] (stride 8).</summary>
    public const string Stage2Output = "ReLU301_Output_0";

    /// <summary>Output of the third residual stage, [1,256,14,14] (stride 16).</summary>
    public const string Stage3Output = "ReLU333_Output_0";

    /// <summary>Output of the last residual stage before pooling, [1,512,7,7] (stride 32).</summary>
    public const string Stage4Output = "ReLU365_Output_0";

    /// <summary>
    /// Intermediate tensors the packaged model does not declare as outputs; they are appended to the graph at load
    /// time (<see cref="OnnxModelEdits"/>) so spatial methods can fetch them from the same shared session.
    /// </summary>
    public static readonly IReadOnlyList<string> IntermediateOutputs = [Stage2Output, Stage3Output, Stage4Output, ResNet18Backbone.Stage3Output];

    private readonly string _modelFolder;
    private Lazy<LoadedSessions> _sessions;
    private readonly NativeRunGuard _guard = new(nameof(ResNet18Model));

    public ResNet18Model(string modelFolder)
    {
        _modelFolder = modelFolder;
        // ExecutionAndPublication also caches a load failure: every ROI then reports the same reason instead of
        // retrying a 60 MB load per ROI.
        _sessions = NewLoader();
    }

    /// <summary>Folder the package's build props copy the models to.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "DnnImageModels");

    public string NetPath => Path.Combine(_modelFolder, "ResNet18Onnx", "ResNet18.onnx");
    public string PrepPath => Path.Combine(_modelFolder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>Loads both sessions now (start-up, initialize); throws <see cref="DeepModelUnavailableException"/>.</summary>
    public void EnsureLoaded()
    {
        try
        {
            _ = Volatile.Read(ref _sessions).Value;
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

    /// <summary>
    /// Start-up and POST /api/initialize: loads the model, retrying once more if an earlier load failed. A loaded model
    /// is kept (sessions in use are never swapped). Throws <see cref="DeepModelUnavailableException"/>.
    /// </summary>
    public void Initialize()
    {
        var current = Volatile.Read(ref _sessions);
        if (!current.IsValueCreated)
        {
            try
            {
                _ = current.Value;
            }
            catch (Exception)
            {
                Interlocked.CompareExchange(ref _sessions, NewLoader(), current);
            }
        }

        EnsureLoaded();
    }

    /// <summary>
    /// Globally pooled 512-d features of a BGR 8-bit image. The whole image is resized to 224×224 (no centre crop, so
    /// the ends of long ROIs are kept); the prep model reorders the RGB planes to BGR and subtracts its mean image.
    /// </summary>
    public float[] Featurize(Mat bgr) => Run(bgr, [NetOutputName])[0].Values;

    /// <summary>
    /// Activation maps of a BGR 8-bit image (resized to 224×224 like <see cref="Featurize"/>) for the requested
    /// outputs, e.g. <see cref="Stage2Output"/>, in the requested order.
    /// </summary>
    public IReadOnlyList<FeatureMap> FeatureMaps(Mat bgr, params string[] outputs)
    {
        foreach (var output in outputs)
        {
            if (output != NetOutputName && !IntermediateOutputs.Contains(output))
            {
                throw new ArgumentException($"unknown ResNet-18 output {output}", nameof(outputs));
            }
        }

        return Run(bgr, outputs);
    }

    private FeatureMap[] Run(Mat bgr, string[] outputs) => _guard.Run(() => RunUnguarded(bgr, outputs));

    private FeatureMap[] RunUnguarded(Mat bgr, string[] outputs)
    {
        EnsureLoaded();
        var sessions = Volatile.Read(ref _sessions).Value;
        var planes = ToRgbPlanes(bgr);

        // RunOptions must stay referenced for the whole Run: a collected RunOptions crashed the process (STACK-FACTS).
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(planes, sessions.PrepInputShape);
        using var prepared = sessions.Prep.Run(runOptions, [sessions.PrepInputName], [input], [sessions.PrepOutputName]);
        using var results = sessions.Net.Run(runOptions, [NetInputName], [prepared[0]], outputs);
        var maps = new FeatureMap[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            var shape = results[i].GetTensorTypeAndShape().Shape;
            if (shape.Length != 4 || shape[0] != 1)
            {
                throw new InvalidOperationException($"{outputs[i]} has shape [{string.Join(',', shape)}], expected [1,C,H,W]");
            }

            maps[i] = new FeatureMap((int)shape[1], (int)shape[2], (int)shape[3], results[i].GetTensorDataAsSpan<float>().ToArray());
        }

        return maps;
    }

    /// <summary>Waits for runs in progress (a background model build may still be running at shutdown), then frees the sessions.</summary>
    public void Dispose()
    {
        if (_guard.BeginDispose() && _sessions.IsValueCreated)
        {
            _sessions.Value.Dispose();
        }
    }

    private Lazy<LoadedSessions> NewLoader() => new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static float[] ToRgbPlanes(Mat bgr)
    {
        using var resized = new Mat();
        Cv2.Resize(bgr, resized, new Size(InputSize, InputSize), 0, 0, InterpolationFlags.Linear);
        using var asFloat = new Mat();
        resized.ConvertTo(asFloat, MatType.CV_32FC3);
        var channels = Cv2.Split(asFloat);
        try
        {
            const int plane = InputSize * InputSize;
            var planes = new float[3 * plane];
            // OpenCV holds B,G,R; the prep model wants R,G,B planes.
            for (var c = 0; c < 3; c++)
            {
                channels[2 - c].GetArray(out float[] values);
                values.CopyTo(planes, c * plane);
            }

            return planes;
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private LoadedSessions Load()
    {
        foreach (var path in new[] { NetPath, PrepPath })
        {
            if (!File.Exists(path))
            {
                throw new DeepModelUnavailableException($"model file not found: {path}");
            }
        }

        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        InferenceSession? prep = null;
        InferenceSession? net = null;
        try
        {
            prep = new InferenceSession(PrepPath, options);
            net = new InferenceSession(OnnxModelEdits.WithOutputs(File.ReadAllBytes(NetPath), IntermediateOutputs), options);
            var prepInput = prep.InputMetadata.Single();
            var prepShape = prepInput.Value.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
            if (prepShape.Aggregate(1L, (a, b) => a * b) != 3L * InputSize * InputSize)
            {
                throw new DeepModelUnavailableException(
                    $"unexpected preprocessing input shape [{string.Join(',', prepInput.Value.Dimensions)}]");
            }

            if (!net.InputMetadata.ContainsKey(NetInputName) ||
                !IntermediateOutputs.Append(NetOutputName).All(net.OutputMetadata.ContainsKey))
            {
                throw new DeepModelUnavailableException(
                    $"{NetPath} lacks {NetInputName}, {NetOutputName} or one of {string.Join(", ", IntermediateOutputs)}");
            }

            return new LoadedSessions(options, prep, net, prepInput.Key, prepShape, prep.OutputMetadata.Keys.Single());
        }
        catch (Exception ex)
        {
            prep?.Dispose();
            net?.Dispose();
            options.Dispose();
            throw ex as DeepModelUnavailableException ?? new DeepModelUnavailableException(ex.Message, ex);
        }
    }

    private sealed record LoadedSessions(
        SessionOptions Options,
        InferenceSession Prep,
        InferenceSession Net,
        string PrepInputName,
        long[] PrepInputShape,
        string PrepOutputName) : IDisposable
    {
        public void Dispose()
        {
            Net.Dispose();
            Prep.Dispose();
            Options.Dispose();
        }
    }
}
