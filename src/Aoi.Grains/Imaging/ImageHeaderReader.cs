using System.Buffers.Binary;

namespace Aoi.Grains.Imaging;

/// <summary>
/// Reads picture dimensions from the file header alone (JPEG SOF, PNG IHDR, BMP, GIF, TIFF, WebP), so an oversized
/// picture is refused before a full decode allocates width × height × 3 bytes (spec 5.5). Pictures whose size this
/// cannot read are not decoded at all (<see cref="ImageLoader.EnsureSizeAllowed"/>).
/// </summary>
public static class ImageHeaderReader
{
    /// <summary>Dimensions from the header, or null when the format is not one of the parsed ones or is truncated.</summary>
    public static (int Width, int Height)? TryReadSize(ReadOnlySpan<byte> data)
    {
        try
        {
            if (data.Length >= 24 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            {
                return Positive(BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
            }

            if (data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8)
            {
                return ReadJpeg(data);
            }

            if (data.Length >= 10 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F')
            {
                return Positive(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
            }

            if (data.Length >= 26 && data[0] == 'B' && data[1] == 'M')
            {
                return ReadBmp(data);
            }

            if (data.Length >= 8 && ((data[0] == 'I' && data[1] == 'I') || (data[0] == 'M' && data[1] == 'M')))
            {
                return ReadTiff(data);
            }

            if (data.Length >= 30 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
            {
                return ReadWebP(data);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // A header that points past the end of the file is truncated: the decoder will refuse it.
        }

        return null;
    }

    private static (int, int)? Positive(long width, long height) =>
        width > 0 && height > 0 && width <= int.MaxValue && height <= int.MaxValue ? ((int)width, (int)height) : null;

    private static (int, int)? ReadJpeg(ReadOnlySpan<byte> data) =>
        TryReadJpegFrame(data) is { } frame ? Positive(frame.Width, frame.Height) : null;

    /// <summary>
    /// The frame header (SOF) of a JPEG: size, components, sample precision and whether it is progressive; null when
    /// the data is not a JPEG or the header is malformed or truncated before the frame header.
    /// </summary>
    public static JpegFrame? TryReadJpegFrame(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return null;
        }

        try
        {
            var pos = 2;
            while (pos + 4 <= data.Length)
            {
                if (data[pos] != 0xFF)
                {
                    return null;
                }

                var marker = data[pos + 1];
                if (marker == 0xFF)
                {
                    pos++; // fill byte
                    continue;
                }

                if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
                {
                    pos += 2; // markers without a length field
                    continue;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
                var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
                if (isStartOfFrame)
                {
                    var precision = data[pos + 4];
                    var height = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]);
                    var width = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 7)..]);
                    var components = data[pos + 9];
                    return new JpegFrame(width, height, components, precision, marker, pos + 2 + length);
                }

                if (marker == 0xDA || length < 2)
                {
                    return null; // scan data before any frame header: malformed
                }

                pos += 2 + length;
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // A header that points past the end of the file is truncated.
        }

        return null;
    }

    private static (int, int)? ReadBmp(ReadOnlySpan<byte> data)
    {
        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (headerSize == 12)
        {
            return Positive(BinaryPrimitives.ReadUInt16LittleEndian(data[18..]), BinaryPrimitives.ReadUInt16LittleEndian(data[20..]));
        }

        // Height is negative for top-down bitmaps.
        var width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        return Positive(width, Math.Abs((long)height));
    }

    private static (int, int)? ReadTiff(ReadOnlySpan<byte> data)
    {
        var little = data[0] == 'I';
        if (U16(data, little, 2) != 42)
        {
            return null; // BigTIFF (43) and others: left to the decoder
        }

        var ifd = U32(data, little, 4);
        if (ifd > int.MaxValue - 2)
        {
            return null;
        }

        var entries = U16(data, little, (int)ifd);
        long width = 0, height = 0;
        for (var i = 0; i < entries; i++)
        {
            var at = (int)ifd + 2 + (i * 12);
            var tag = U16(data, little, at);
            if (tag is not (256 or 257))
            {
                continue;
            }

            var type = U16(data, little, at + 2);
            long value = type == 3 ? U16(data, little, at + 8) : U32(data, little, at + 8);
            if (tag == 256)
            {
                width = value;
            }
            else
            {
                height = value;
            }
        }

        return Positive(width, height);
    }

    /// <summary>The canvas of the three WebP flavours: lossy (VP8), lossless (VP8L) and extended (VP8X).</summary>
    private static (int, int)? ReadWebP(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
            {
                return null;
            }

            return Positive(BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[20] != 0x2F)
            {
                return null;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return Positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            var width = data[24] | (data[25] << 8) | (data[26] << 16);
            var height = data[27] | (data[28] << 8) | (data[29] << 16);
            return Positive(width + 1L, height + 1L);
        }

        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> data, bool little, int at) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    private static uint U32(ReadOnlySpan<byte> data, bool little, int at) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
}
