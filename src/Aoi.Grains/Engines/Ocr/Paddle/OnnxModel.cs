using Microsoft.ML.OnnxRuntime;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// One ONNX model with a single float input and a single float output. Run is thread-safe, so one instance
/// serves every ROI of the process; one intra-op thread per call because ROIs already run in parallel.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxModel(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, options);
        _inputNames = [_session.InputMetadata.Keys.Single()];
        _outputNames = [_session.OutputMetadata.Keys.First()];
    }

    /// <summary>Declared output shape (-1 for dynamic axes).</summary>
    public int[] OutputDimensions => _session.OutputMetadata[_outputNames[0]].Dimensions;

    public OnnxOutput Run(float[] input, long[] shape)
    {
        // The RunOptions must stay referenced for the whole native call: a collected one crashed the process.
        using var runOptions = new RunOptions();
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var outputs = _session.Run(runOptions, _inputNames, [inputValue], _outputNames);
        var output = outputs[0];
        return new OnnxOutput(output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }

    public void Dispose() => _session.Dispose();
}
