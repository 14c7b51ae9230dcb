namespace Aoi.Grains.History;

/// <summary>The measure, threshold and read value of a ROI result, whatever its type (see <see cref="RoiRecord"/>).</summary>
public static class RoiScores
{
    public static (double? Score, double? Threshold, string? Decoded) Of(RoiResult result)
    {
        if (result.Compare is { } compare)
        {
            return (compare.AiSimilarity, compare.Threshold, compare.MatchResult);
        }

        if (result.Color is { } color)
        {
            return (color.MatchPercentage, color.Threshold, color.DetectedColor);
        }

        if (result.Ocr is { } ocr)
        {
            return (ocr.Confidence, null, ocr.Text);
        }

        if (result.Barcode is { } barcode)
        {
            return (null, null, barcode.Values.Length == 0 ? null : string.Join('|', barcode.Values));
        }

        return (null, null, null);
    }
}
