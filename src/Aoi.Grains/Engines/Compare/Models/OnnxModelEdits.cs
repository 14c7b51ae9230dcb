using Google.Protobuf;
using Onnx;

namespace Aoi.Grains.Engines.Compare.Models;

/// <summary>
/// In-memory edits of the packaged ONNX models, made with OnnxSharp's ONNX protobuf classes at load time so the package
/// files stay untouched and every edit is reproducible from the package alone.
/// </summary>
public static class OnnxModelEdits
{
    /// <summary>
    /// A copy of the model whose graph also outputs the named intermediate tensors. Only the names are declared: ONNX
    /// Runtime infers type and shape.
    /// </summary>
    public static byte[] WithOutputs(byte[] model, IEnumerable<string> tensorNames)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        foreach (var name in tensorNames)
        {
            if (proto.Graph.Output.All(o => o.Name != name))
            {
                proto.Graph.Output.Add(new ValueInfoProto { Name = name });
            }
        }

        return proto.ToByteArray();
    }

    /// <summary>
    /// The part of the graph that computes <paramref name="outputs"/> and nothing else, with the input's height and width
    /// (dimensions 2 and 3 of an NCHW input) made symbolic so it runs at any image size. ONNX Runtime executes every node
    /// of a graph whatever the requested outputs, so the later stages have to be cut away to save their cost; the
    /// intermediate shape annotations, valid only at the packaged size, are dropped so it re-infers them.
    /// </summary>
    public static byte[] TruncatedWithDynamicSize(byte[] model, IReadOnlyList<string> outputs)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }
        }

        foreach (var output in outputs)
        {
            if (!producers.ContainsKey(output))
            {
                throw new InvalidDataException($"the model has no tensor {output}");
            }
        }

        // Walk back from the requested tensors to collect the nodes they depend on.
        var needed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<string>(outputs);
        while (pending.TryPop(out var tensor))
        {
            if (producers.TryGetValue(tensor, out var node) && needed.Add(node))
            {
                foreach (var input in node.Input)
                {
                    pending.Push(input);
                }
            }
        }

        var kept = graph.Node.Where(needed.Contains).ToList();
        var used = kept.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        var initializers = graph.Initializer.Where(i => used.Contains(i.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers);
        var inputs = graph.Input.Where(i => used.Contains(i.Name)).ToList();
        graph.Input.Clear();
        graph.Input.AddRange(inputs);
        graph.Output.Clear();
        graph.Output.AddRange(outputs.Select(o => new ValueInfoProto { Name = o }));
        graph.ValueInfo.Clear();

        var image = graph.Input.Single(i => initializers.All(init => init.Name != i.Name));
        var dims = image.Type.TensorType.Shape.Dim;
        if (dims.Count != 4)
        {
            throw new InvalidDataException($"input {image.Name} has {dims.Count} dimensions, expected NCHW");
        }

        dims[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };
        dims[3] = new TensorShapeProto.Types.Dimension { DimParam = "width" };
        return proto.ToByteArray();
    }

    /// <summary>Names of the graph's declared outputs, in order.</summary>
    public static IReadOnlyList<string> OutputNames(byte[] model) =>
        ModelProto.Parser.ParseFrom(model).Graph.Output.Select(o => o.Name).ToList();

    /// <summary>The values of the model's only float initializer of exactly <paramref name="count"/> elements.</summary>
    public static float[] FloatInitializer(byte[] model, int count)
    {
        var tensor = ModelProto.Parser.ParseFrom(model).Graph.Initializer
            .Where(t => t.Dims.Aggregate(1L, (a, b) => a * b) == count && t.DataType == (int)TensorProto.Types.DataType.Float)
            .ToList() switch
        {
            [var single] => single,
            var found => throw new InvalidDataException($"expected one float tensor of {count} values, found {found.Count}"),
        };
        var values = Floats(tensor);
        return values.Length == count
            ? values
            : throw new InvalidDataException($"tensor {tensor.Name} holds {values.Length} values, expected {count}");
    }

    /// <summary>The values of a float tensor, whether held as float_data or as raw little-endian bytes.</summary>
    public static float[] Floats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"tensor {tensor.Name} is not float");
        }

        return tensor.FloatData.Count > 0
            ? [.. tensor.FloatData]
            : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }
}
