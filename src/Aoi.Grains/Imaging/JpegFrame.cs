namespace Aoi.Grains.Imaging;

/// <summary>What a JPEG frame header (SOF marker) says about the picture.</summary>
/// <param name="Marker">SOF marker: 0xC0 baseline, 0xC1 extended sequential, 0xC2 progressive, others rare.</param>
/// <param name="EndOffset">Offset of the first byte after the frame header.</param>
public sealed record JpegFrame(int Width, int Height, int Components, int Precision, byte Marker, int EndOffset)
{
    /// <summary>Huffman-coded 8-bit sequential or progressive: the kinds every libjpeg build decodes alike.</summary>
    public bool IsHuffman8Bit => Precision == 8 && Marker is 0xC0 or 0xC1 or 0xC2;
}
