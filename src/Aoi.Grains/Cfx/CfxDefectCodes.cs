namespace Aoi.Grains.Cfx;

/// <summary>
/// The DefectCode of a failed ROI: for compare ROIs the compare engine's defect reason when it names one (missing,
/// displaced, rotated, wrong_part, foreign_object, different), else "different"; for the other types the way the
/// check failed. A ROI that could not be checked at all (engine error, no golden sample, picture not captured,
/// outside the image, bad configuration) is "error", whatever its type.
/// </summary>
public static class CfxDefectCodes
{
    public const string Different = "different";
    public const string NoRead = "no_read";
    public const string WrongCode = "wrong_code";
    public const string NoText = "no_text";
    public const string WrongText = "wrong_text";
    public const string WrongColor = "wrong_color";
    public const string Error = "error";

    /// <summary>The code and a one-line description of a failed ROI (never called for a passed one).</summary>
    public static (string Code, string Description) Of(RoiResult roi) => roi.RoiTypeName switch
    {
        _ when IsUnchecked(roi) => (Error, roi.Error ?? "not inspected"),
        "compare" => (roi.Compare?.Defect ?? Different, CompareText(roi)),
        "barcode" when roi.Barcode is { Values.Length: > 0 } b =>
            (WrongCode, roi.Error ?? roi.Detail ?? $"barcode '{string.Join(", ", b.Values)}' not accepted"),
        "barcode" => (NoRead, "no barcode could be read"),
        "ocr" when string.IsNullOrEmpty(roi.Ocr?.RawText) => (NoText, "no text detected"),
        "ocr" => (WrongText, $"expected text not found in '{roi.Ocr!.RawText}'"),
        "color" => (WrongColor, ColorText(roi)),
        _ => (Error, roi.Error ?? "unknown ROI type"),
    };

    /// <summary>The code of a failed ROI as the history kept it (for review verdicts on earlier inspections).</summary>
    public static string Of(History.RoiRecord roi) => roi.RoiType switch
    {
        _ when roi.Error is not null && roi.Score is null && string.IsNullOrEmpty(roi.Decoded) => Error,
        "compare" => (string?)History.RoiDetail.Parse(roi.Detail)?[History.RoiDetail.Defect] ?? Different,
        "barcode" => string.IsNullOrEmpty(roi.Decoded) ? NoRead : WrongCode,
        "ocr" => string.IsNullOrEmpty(roi.Decoded) ? NoText : WrongText,
        "color" => WrongColor,
        _ => Error,
    };

    /// <summary>
    /// True when the ROI produced no verdict of its type: an error and nothing measured. A barcode pattern mismatch
    /// also carries an error text, but with decoded values it is a real finding (wrong_code), not an error.
    /// </summary>
    public static bool IsUnchecked(RoiResult roi) => roi.Error is not null && roi.RoiTypeName switch
    {
        "barcode" => roi.Barcode is not { Values.Length: > 0 },
        _ => true,
    };

    private static string CompareText(RoiResult roi) => roi.Compare is { } c
        ? $"similarity {c.AiSimilarity:0.####} below threshold {c.Threshold:0.####}"
        : "does not match its golden sample";

    private static string ColorText(RoiResult roi) => roi.Color is { } c
        ? $"detected {c.DetectedColor}, {c.MatchPercentage:0.##}% matching (needs {c.Threshold:0.##}%)"
        : "expected colour not found";
}
