using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Aoi.Grains.Engines.Compare.Models;

/// <summary>
/// Static int8 quantisation of a convolutional graph (Conv, BatchNormalization, Relu, Add, MaxPool) in ONNX's QDQ form,
/// made with OnnxSharp's protobuf classes: batch normalisation folded into the convolutions, weights int8 per output
/// channel, activations uint8 per tensor from calibrated ranges, every Relu folded into a zero point of 0. ONNX Runtime
/// fuses the QuantizeLinear/DequantizeLinear pairs around each operator into its int8 kernels (QLinearConv, ...), which
/// on CPUs with VNNI run the truncated ResNet-18 about 3× faster than FP32 (docs/benchmarks/experiments/int8-qdq).
/// </summary>
public static class OnnxInt8Quantisation
{
    /// <summary>QDQ with per-axis scales needs opset 13; the ops this class accepts mean the same there as in opset 8.</summary>
    private const int QdqOpset = 13;

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal) { "Conv", "BatchNormalization", "Relu", "Add", "MaxPool" };

    /// <summary>
    /// The model with every BatchNormalization that is the only reader of a Conv's output folded into that Conv
    /// (W·γ/√(σ²+ε), (b−μ)·γ/√(σ²+ε)+β), lifted to opset 13 and IR 7 so QDQ nodes can be added. Computes the same
    /// function as before, up to float rounding.
    /// </summary>
    public static byte[] FoldedBatchNorm(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        if (graph.Node.FirstOrDefault(n => !Supported.Contains(n.OpType)) is { } other)
        {
            throw new InvalidDataException($"int8 quantisation does not support {other.OpType} ({other.Name})");
        }

        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var readers = Readers(graph);
        var folded = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv").ToList())
        {
            if (readers.GetValueOrDefault(conv.Output[0]) is not [{ OpType: "BatchNormalization" } norm])
            {
                continue;
            }

            var weights = OnnxModelEdits.Floats(initializers[conv.Input[1]]);
            var outChannels = (int)initializers[conv.Input[1]].Dims[0];
            var perChannel = weights.Length / outChannels;
            var bias = conv.Input.Count > 2 ? OnnxModelEdits.Floats(initializers[conv.Input[2]]) : new float[outChannels];
            float[] Parameter(int index) => OnnxModelEdits.Floats(initializers[norm.Input[index]]);
            var (gamma, beta, mean, variance) = (Parameter(1), Parameter(2), Parameter(3), Parameter(4));
            var epsilon = norm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
            var newWeights = new float[weights.Length];
            var newBias = new float[outChannels];
            for (var c = 0; c < outChannels; c++)
            {
                var scale = gamma[c] / Math.Sqrt(variance[c] + (double)epsilon);
                for (var k = 0; k < perChannel; k++)
                {
                    newWeights[c * perChannel + k] = (float)(weights[c * perChannel + k] * scale);
                }

                newBias[c] = (float)((bias[c] - mean[c]) * scale + beta[c]);
            }

            graph.Initializer.Add(FloatTensor(conv.Name + "_folded_W", [.. initializers[conv.Input[1]].Dims], newWeights));
            graph.Initializer.Add(FloatTensor(conv.Name + "_folded_B", [outChannels], newBias));
            var input = conv.Input[0];
            conv.Input.Clear();
            conv.Input.Add([input, conv.Name + "_folded_W", conv.Name + "_folded_B"]);
            conv.Output[0] = norm.Output[0];
            folded.Add(norm);
        }

        var kept = graph.Node.Where(n => !folded.Contains(n)).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        DropUnusedInitializers(graph);
        LiftToQdqOpset(proto);
        return proto.ToByteArray();
    }

    /// <summary>
    /// The tensors whose ranges <see cref="Quantised"/> needs, for a model from <see cref="FoldedBatchNorm"/>: every input
    /// of a Conv, MaxPool or Add other than the image and every graph output, each named before its Relu (a Relu's
    /// input is what is quantised; the Relu becomes the zero point).
    /// </summary>
    public static IReadOnlyList<string> RangeTensors(byte[] foldedModel)
    {
        var graph = ModelProto.Parser.ParseFrom(foldedModel).Graph;
        var beforeRelu = graph.Node.Where(n => n.OpType == "Relu").ToDictionary(n => n.Output[0], n => n.Input[0], StringComparer.Ordinal);
        var image = ImageInput(graph);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Node.Where(n => n.OpType is "Conv" or "MaxPool" or "Add"))
        {
            foreach (var input in node.OpType == "Add" ? node.Input.ToList() : [node.Input[0]])
            {
                names.Add(beforeRelu.GetValueOrDefault(input, input));
            }
        }

        foreach (var output in graph.Output)
        {
            names.Add(beforeRelu.GetValueOrDefault(output.Name, output.Name));
        }

        names.Remove(image);
        return [.. names];
    }

    /// <summary>
    /// The folded model in QDQ form. <paramref name="ranges"/> holds the smallest and largest value of every tensor of
    /// <see cref="RangeTensors"/> and of the image input; a tensor read only through a Relu is quantised on [0, max]
    /// (zero point 0: the Relu), any other on [min, max] (the zero point where 0 falls).
    /// </summary>
    public static byte[] Quantised(byte[] foldedModel, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var proto = ModelProto.Parser.ParseFrom(foldedModel);
        var graph = proto.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var readers = Readers(graph);
        var image = ImageInput(graph);

        // Every Relu is dropped: its readers read its input, which is then quantised with a zero point of 0.
        var beforeRelu = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var relu in graph.Node.Where(n => n.OpType == "Relu"))
        {
            if (readers[relu.Input[0]].Count != 1)
            {
                throw new InvalidDataException($"{relu.Input[0]} is read by the Relu {relu.Name} and by other nodes");
            }

            beforeRelu[relu.Output[0]] = relu.Input[0];
        }

        string Source(string tensor) => beforeRelu.TryGetValue(tensor, out var input) ? Source(input) : tensor;
        var rectified = beforeRelu.Values.ToHashSet(StringComparer.Ordinal);

        var added = new List<NodeProto>();
        var quantised = new Dictionary<string, (string Name, float Scale)>(StringComparer.Ordinal);
        (string Name, float Scale) QuantDequant(string tensor)
        {
            if (quantised.TryGetValue(tensor, out var done))
            {
                return done;
            }

            if (!ranges.TryGetValue(tensor, out var range) || !(range.Max > 0) || !float.IsFinite(range.Max) || !float.IsFinite(range.Min))
            {
                throw new InvalidDataException($"no calibrated range for {tensor}");
            }

            // uint8 must hold 0 exactly (padding, the Relu): the range is widened to include it.
            var low = tensor != image && rectified.Contains(tensor) ? 0f : Math.Min(0f, range.Min);
            var scale = (range.Max - low) / 255f;
            var zero = (byte)Math.Clamp(MathF.Round(-low / scale), 0, 255);
            graph.Initializer.Add(FloatTensor(tensor + "_scale", [], [scale]));
            graph.Initializer.Add(new TensorProto { Name = tensor + "_zero", DataType = (int)DataType.Uint8, RawData = ByteString.CopyFrom(zero) });
            added.Add(Node("QuantizeLinear", tensor + "_Q", [tensor, tensor + "_scale", tensor + "_zero"], tensor + "_q"));
            added.Add(Node("DequantizeLinear", tensor + "_DQ", [tensor + "_q", tensor + "_scale", tensor + "_zero"], tensor + "_dq"));
            return quantised[tensor] = (tensor + "_dq", scale);
        }

        foreach (var node in graph.Node.Where(n => n.OpType != "Relu"))
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                node.Input[i] = Source(node.Input[i]);
            }

            switch (node.OpType)
            {
                case "Conv":
                    var (input, inputScale) = QuantDequant(node.Input[0]);
                    var (weights, bias) = QuantisedConvParameters(graph, node, initializers[node.Input[1]], initializers[node.Input[2]], inputScale, added);
                    node.Input.Clear();
                    node.Input.Add([input, weights, bias]);
                    break;
                case "Add" or "MaxPool":
                    for (var i = 0; i < node.Input.Count; i++)
                    {
                        node.Input[i] = QuantDequant(node.Input[i]).Name;
                    }

                    break;
            }

            added.Add(node);
        }

        foreach (var output in graph.Output)
        {
            added.Add(Node("Identity", output.Name + "_out", [QuantDequant(Source(output.Name)).Name], output.Name));
        }

        graph.Node.Clear();
        graph.Node.AddRange(TopologicalOrder(graph, added));
        DropUnusedInitializers(graph);
        return proto.ToByteArray();
    }

    /// <summary>Weights int8 per output channel (symmetric), bias int32 at the input scale × weight scale, as QLinearConv takes them.</summary>
    private static (string Weights, string Bias) QuantisedConvParameters(GraphProto graph, NodeProto conv, TensorProto weightTensor, TensorProto biasTensor,
        float inputScale, List<NodeProto> added)
    {
        var weights = OnnxModelEdits.Floats(weightTensor);
        var bias = OnnxModelEdits.Floats(biasTensor);
        var outChannels = bias.Length;
        var perChannel = weights.Length / outChannels;
        var weightScales = new float[outChannels];
        var biasScales = new float[outChannels];
        var q = new sbyte[weights.Length];
        var qBias = new int[outChannels];
        for (var c = 0; c < outChannels; c++)
        {
            var largest = 0f;
            for (var k = 0; k < perChannel; k++)
            {
                largest = Math.Max(largest, Math.Abs(weights[c * perChannel + k]));
            }

            weightScales[c] = largest > 0 ? largest / 127f : 1e-8f;
            for (var k = 0; k < perChannel; k++)
            {
                q[c * perChannel + k] = (sbyte)Math.Clamp(MathF.Round(weights[c * perChannel + k] / weightScales[c]), -127, 127);
            }

            biasScales[c] = inputScale * weightScales[c];
            qBias[c] = (int)MathF.Round(bias[c] / biasScales[c]);
        }

        var p = conv.Name;
        graph.Initializer.Add(Tensor(p + "_Wq", DataType.Int8, [.. weightTensor.Dims], MemoryMarshal.AsBytes(q.AsSpan())));
        graph.Initializer.Add(FloatTensor(p + "_Ws", [outChannels], weightScales));
        graph.Initializer.Add(Tensor(p + "_Wz", DataType.Int8, [outChannels], new byte[outChannels]));
        graph.Initializer.Add(Tensor(p + "_Bq", DataType.Int32, [outChannels], MemoryMarshal.AsBytes(qBias.AsSpan())));
        graph.Initializer.Add(FloatTensor(p + "_Bs", [outChannels], biasScales));
        graph.Initializer.Add(Tensor(p + "_Bz", DataType.Int32, [outChannels], new byte[outChannels * sizeof(int)]));
        added.Add(PerChannel(Node("DequantizeLinear", p + "_WDQ", [p + "_Wq", p + "_Ws", p + "_Wz"], p + "_Wdq")));
        added.Add(PerChannel(Node("DequantizeLinear", p + "_BDQ", [p + "_Bq", p + "_Bs", p + "_Bz"], p + "_Bdq")));
        return (p + "_Wdq", p + "_Bdq");

        static NodeProto PerChannel(NodeProto node)
        {
            node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
            return node;
        }
    }

    private static Dictionary<string, List<NodeProto>> Readers(GraphProto graph)
    {
        var readers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input)
            {
                (readers.TryGetValue(input, out var list) ? list : readers[input] = []).Add(node);
            }
        }

        return readers;
    }

    private static string ImageInput(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return graph.Input.Single(i => !initializers.Contains(i.Name)).Name;
    }

    private static List<NodeProto> TopologicalOrder(GraphProto graph, List<NodeProto> nodes)
    {
        var available = graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
        var ordered = new List<NodeProto>(nodes.Count);
        var pending = nodes;
        while (pending.Count > 0)
        {
            var rest = new List<NodeProto>();
            foreach (var node in pending)
            {
                if (node.Input.All(i => i.Length == 0 || available.Contains(i)))
                {
                    ordered.Add(node);
                    available.UnionWith(node.Output);
                }
                else
                {
                    rest.Add(node);
                }
            }

            if (rest.Count == pending.Count)
            {
                throw new InvalidDataException($"the graph has a cycle or a missing tensor at {rest[0].Name}");
            }

            pending = rest;
        }

        return ordered;
    }

    private static void DropUnusedInitializers(GraphProto graph)
    {
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        var kept = graph.Initializer.Where(i => used.Contains(i.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(kept);
        var keptInputs = graph.Input.Where(i => used.Contains(i.Name) && kept.All(k => k.Name != i.Name)).ToList();
        graph.Input.Clear();
        graph.Input.AddRange(keptInputs);
    }

    /// <summary>IR 7 lets initializers be absent from the graph inputs; opset 13 gives DequantizeLinear its axis.</summary>
    private static void LiftToQdqOpset(ModelProto proto)
    {
        proto.IrVersion = Math.Max(proto.IrVersion, 7);
        var standard = proto.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (standard is null)
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = QdqOpset });
        }
        else
        {
            standard.Version = Math.Max(standard.Version, QdqOpset);
        }
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto FloatTensor(string name, long[] dims, float[] values) =>
        Tensor(name, DataType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()));

    private static TensorProto Tensor(string name, DataType type, long[] dims, ReadOnlySpan<byte> raw)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}

/// <summary>The smallest and largest value a tensor takes over a calibration set.</summary>
public readonly record struct ActivationRange(float Min, float Max)
{
    public ActivationRange Including(float value) => new(Math.Min(Min, value), Math.Max(Max, value));
}
