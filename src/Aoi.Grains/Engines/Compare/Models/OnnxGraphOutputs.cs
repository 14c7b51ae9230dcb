using System.Text;

namespace Aoi.Grains.Engines.Compare.Models;

/// <summary>
/// Makes intermediate tensors of an ONNX model fetchable by declaring them as extra graph outputs, in memory at load
/// time, so the packaged model file stays untouched and the edit is reproducible from the package alone.
/// <para>
/// ONNX files are protobuf: ModelProto field 7 is the GraphProto, GraphProto field 12 holds the repeated output
/// ValueInfoProto, and a ValueInfoProto whose only field is 1 (name) is enough because ONNX Runtime infers type and
/// shape. Repeated fields may appear anywhere in a message, so appending the new outputs at the end of the graph
/// keeps the existing outputs (and their order) intact; only the graph's length prefix changes.
/// </para>
/// </summary>
public static class OnnxGraphOutputs
{
    private const int ModelGraphField = 7;
    private const int GraphOutputField = 12;
    private const int ValueInfoNameField = 1;

    /// <summary>Returns a copy of <paramref name="model"/> whose graph also outputs the named tensors.</summary>
    public static byte[] Append(ReadOnlySpan<byte> model, IEnumerable<string> tensorNames)
    {
        var extra = BuildOutputs(tensorNames);
        using var output = new MemoryStream(model.Length + extra.Length + 16);
        var graphs = 0;
        var position = 0;
        while (position < model.Length)
        {
            var fieldStart = position;
            var (field, wireType, valueStart, valueEnd) = ProtobufWire.ReadField(model, ref position);
            if (field == ModelGraphField && wireType == ProtobufWire.LengthDelimited)
            {
                graphs++;
                var graph = model[valueStart..valueEnd];
                ProtobufWire.WriteTag(output, ModelGraphField, ProtobufWire.LengthDelimited);
                ProtobufWire.WriteVarint(output, (ulong)(graph.Length + extra.Length));
                output.Write(graph);
                output.Write(extra);
            }
            else
            {
                output.Write(model[fieldStart..position]);
            }
        }

        if (graphs != 1)
        {
            throw new InvalidDataException($"expected one ONNX graph, found {graphs}");
        }

        return output.ToArray();
    }

    /// <summary>Names of the graph's declared outputs, in order (for tests and diagnostics).</summary>
    public static IReadOnlyList<string> Names(ReadOnlySpan<byte> model)
    {
        var names = new List<string>();
        var position = 0;
        while (position < model.Length)
        {
            var (field, wireType, valueStart, valueEnd) = ProtobufWire.ReadField(model, ref position);
            if (field != ModelGraphField || wireType != ProtobufWire.LengthDelimited)
            {
                continue;
            }

            var graph = model[valueStart..valueEnd];
            var inGraph = 0;
            while (inGraph < graph.Length)
            {
                var (gField, gType, gStart, gEnd) = ProtobufWire.ReadField(graph, ref inGraph);
                if (gField == GraphOutputField && gType == ProtobufWire.LengthDelimited)
                {
                    names.Add(ValueInfoName(graph[gStart..gEnd]));
                }
            }
        }

        return names;
    }

    private static byte[] BuildOutputs(IEnumerable<string> tensorNames)
    {
        using var outputs = new MemoryStream();
        foreach (var name in tensorNames)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            using var valueInfo = new MemoryStream();
            ProtobufWire.WriteLengthDelimited(valueInfo, ValueInfoNameField, Encoding.UTF8.GetBytes(name));
            ProtobufWire.WriteLengthDelimited(outputs, GraphOutputField, valueInfo.ToArray());
        }

        return outputs.ToArray();
    }

    private static string ValueInfoName(ReadOnlySpan<byte> valueInfo)
    {
        var position = 0;
        while (position < valueInfo.Length)
        {
            var (field, wireType, start, end) = ProtobufWire.ReadField(valueInfo, ref position);
            if (field == ValueInfoNameField && wireType == ProtobufWire.LengthDelimited)
            {
                return Encoding.UTF8.GetString(valueInfo[start..end]);
            }
        }

        return "";
    }
}
