namespace Aoi.Grains.Engines.Compare.Models;

/// <summary>
/// The few pieces of the protobuf wire format needed to edit an ONNX file without the onnx schema: varints and
/// field headers. Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 (3/4, groups, never occur in ONNX).
/// </summary>
internal static class ProtobufWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException("truncated protobuf varint");
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("protobuf varint longer than 10 bytes");
    }

    public static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }

    public static void WriteTag(Stream output, int field, int wireType) =>
        WriteVarint(output, ((ulong)field << 3) | (uint)wireType);

    /// <summary>Writes a length-delimited field (sub-message, string or bytes).</summary>
    public static void WriteLengthDelimited(Stream output, int field, ReadOnlySpan<byte> payload)
    {
        WriteTag(output, field, LengthDelimited);
        WriteVarint(output, (ulong)payload.Length);
        output.Write(payload);
    }

    /// <summary>
    /// Reads the field header at <paramref name="position"/> and skips its value; returns the field number, its wire
    /// type and the value's byte range (for length-delimited fields the payload without the length prefix).
    /// </summary>
    public static (int Field, int WireType, int ValueStart, int ValueEnd) ReadField(ReadOnlySpan<byte> data, ref int position)
    {
        var tag = ReadVarint(data, ref position);
        var field = checked((int)(tag >> 3));
        var wireType = (int)(tag & 7);
        int start;
        switch (wireType)
        {
            case Varint:
                start = position;
                ReadVarint(data, ref position);
                return (field, wireType, start, position);
            case Fixed64:
                start = position;
                position += 8;
                break;
            case LengthDelimited:
                var length = checked((int)ReadVarint(data, ref position));
                start = position;
                position += length;
                break;
            case Fixed32:
                start = position;
                position += 4;
                break;
            default:
                throw new InvalidDataException($"unsupported protobuf wire type {wireType} (field {field})");
        }

        if (position > data.Length)
        {
            throw new InvalidDataException($"truncated protobuf field {field}");
        }

        return (field, wireType, start, position);
    }
}
