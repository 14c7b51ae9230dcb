using System.Buffers.Binary;
using System.Text;
using OpenCvSharp;

namespace Aoi.Tests.Hardening;

/// <summary>
/// Picture bytes a hostile or broken station might send: headers that claim enormous sizes (decompression bombs),
/// formats the header reader does not know, and valid but unusual encodings (grey, 16-bit, alpha, CMYK).
/// </summary>
public static class HostileImages
{
    /// <summary>A PNG signature and IHDR claiming <paramref name="width"/>×<paramref name="height"/>; no pixel data.</summary>
    public static byte[] PngHeader(int width, int height)
    {
        var bytes = new byte[33];
        byte[] head = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        head.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 2;
        return bytes;
    }

    /// <summary>SOI + a baseline frame header claiming the size (JPEG dimensions are 16-bit).</summary>
    public static byte[] JpegHeader(ushort width, ushort height)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08 };
        bytes.AddRange([(byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3]);
        for (byte c = 1; c <= 3; c++)
        {
            bytes.AddRange([c, 0x11, 0]);
        }

        return [.. bytes];
    }

    /// <summary>An extended WebP (VP8X) claiming the canvas size; no image data.</summary>
    public static byte[] WebPHeader(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 22);
        "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 10);
        WriteUInt24(bytes.AsSpan(24), width - 1);
        WriteUInt24(bytes.AsSpan(27), height - 1);
        return bytes;
    }

    public static byte[] BmpHeader(int width, int height)
    {
        var bytes = new byte[54];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        return bytes;
    }

    public static byte[] GifHeader(ushort width, ushort height)
    {
        var bytes = new byte[13];
        "GIF89a"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), height);
        return bytes;
    }

    /// <summary>Little-endian TIFF whose first IFD gives width and height as LONG values.</summary>
    public static byte[] TiffHeader(int width, int height)
    {
        var bytes = new byte[8 + 2 + 2 * 12 + 4];
        "II"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2);
        WriteTiffEntry(bytes.AsSpan(10), 256, width);
        WriteTiffEntry(bytes.AsSpan(22), 257, height);
        return bytes;
    }

    /// <summary>
    /// A binary PPM (a format OpenCV decodes but the header reader does not parse) claiming a huge size: the kind of
    /// file that would make the codec allocate whatever it claims.
    /// </summary>
    public static byte[] PpmHeader(int width, int height) => Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");

    /// <summary>A real picture of a supported but unparsed format (PPM), small enough to decode.</summary>
    public static byte[] SmallPpm()
    {
        using var image = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(60));
        Cv2.ImEncode(".ppm", image, out var bytes);
        return bytes;
    }

    /// <summary>The first half of a real JPEG.</summary>
    public static byte[] TruncatedJpeg(byte[] jpeg) => jpeg[..(jpeg.Length / 2)];

    /// <summary>A JPEG whose header is cut inside the frame header.</summary>
    public static byte[] CutHeaderJpeg(byte[] jpeg) => jpeg[..Math.Min(jpeg.Length, 40)];

    public static byte[] Encode(string extension, Mat image)
    {
        Cv2.ImEncode(extension, image, out var bytes);
        return bytes;
    }

    /// <summary>An 8-bit grey JPEG.</summary>
    public static byte[] GreyJpeg(int width, int height, byte level)
    {
        using var image = new Mat(height, width, MatType.CV_8UC1, Scalar.All(level));
        return Encode(".jpg", image);
    }

    /// <summary>A 16-bit 3-channel PNG (BGR 0..65535).</summary>
    public static byte[] SixteenBitPng(int width, int height, Scalar bgr16)
    {
        using var image = new Mat(height, width, MatType.CV_16UC3, bgr16);
        return Encode(".png", image);
    }

    /// <summary>A 4-channel PNG with a half-transparent alpha channel.</summary>
    public static byte[] AlphaPng(int width, int height, Scalar bgra)
    {
        using var image = new Mat(height, width, MatType.CV_8UC4, bgra);
        return Encode(".png", image);
    }

    /// <summary>
    /// A baseline 4-component (CMYK, no Adobe marker) JPEG of a uniform colour. OpenCV cannot write CMYK, so this
    /// encodes it directly: quantisation 1, a DC table with 4-bit codes per category, an AC table holding only EOB
    /// (a uniform block has no AC energy). The same bytes decode in any baseline JPEG decoder.
    /// </summary>
    public static byte[] CmykJpeg(int blocksWide, int blocksHigh, byte c, byte m, byte y, byte k)
    {
        byte[] levels = [c, m, y, k];
        var jpeg = new List<byte> { 0xFF, 0xD8 };
        jpeg.AddRange([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        jpeg.AddRange(Enumerable.Repeat((byte)1, 64));
        var width = blocksWide * 8;
        var height = blocksHigh * 8;
        jpeg.AddRange([0xFF, 0xC0, 0x00, 8 + 4 * 3, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 4]);
        for (byte id = 1; id <= 4; id++)
        {
            jpeg.AddRange([id, 0x11, 0x00]);
        }

        // DC table 0: 12 codes of length 4 for categories 0..11. AC table 0: one code of length 1 for EOB.
        jpeg.AddRange([0xFF, 0xC4, 0x00, 3 + 16 + 12, 0x00, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        jpeg.AddRange(Enumerable.Range(0, 12).Select(i => (byte)i));
        jpeg.AddRange([0xFF, 0xC4, 0x00, 3 + 16 + 1, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        jpeg.AddRange([0xFF, 0xDA, 0x00, 6 + 2 * 4, 4]);
        for (byte id = 1; id <= 4; id++)
        {
            jpeg.AddRange([id, 0x00]);
        }

        jpeg.AddRange([0x00, 0x3F, 0x00]);
        var bits = new BitWriter();
        var previous = new int[4];
        for (var block = 0; block < blocksWide * blocksHigh; block++)
        {
            for (var comp = 0; comp < 4; comp++)
            {
                // Uniform block, level-shifted: DC = 8 × (value − 128) with quantisation 1.
                var dc = 8 * (levels[comp] - 128);
                bits.WriteDc(dc - previous[comp]);
                previous[comp] = dc;
                bits.Write(0, 1); // EOB
            }
        }

        jpeg.AddRange(bits.Finish());
        jpeg.AddRange([0xFF, 0xD9]);
        return [.. jpeg];
    }

    private static void WriteUInt24(Span<byte> at, int value)
    {
        at[0] = (byte)value;
        at[1] = (byte)(value >> 8);
        at[2] = (byte)(value >> 16);
    }

    private static void WriteTiffEntry(Span<byte> at, ushort tag, int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(at[8..], value);
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _current;
        private int _count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _current = (_current << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Flush();
                }
            }
        }

        /// <summary>Category code (4 bits) then the value bits; negatives in one's complement as JPEG wants.</summary>
        public void WriteDc(int diff)
        {
            var magnitude = Math.Abs(diff);
            var category = magnitude == 0 ? 0 : (int)Math.Floor(Math.Log2(magnitude)) + 1;
            Write(category, 4);
            if (category > 0)
            {
                Write(diff > 0 ? diff : diff + (1 << category) - 1, category);
            }
        }

        public byte[] Finish()
        {
            while (_count != 0)
            {
                Write(1, 1);
            }

            return [.. _bytes];
        }

        private void Flush()
        {
            _bytes.Add((byte)_current);
            if (_current == 0xFF)
            {
                _bytes.Add(0x00);
            }

            _current = 0;
            _count = 0;
        }
    }
}
