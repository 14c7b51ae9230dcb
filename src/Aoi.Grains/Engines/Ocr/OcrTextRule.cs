using System.Globalization;

namespace Aoi.Grains.Engines.Ocr;

/// <summary>The expected-text rule of spec 3.4 steps 2–4, kept pure so every tag variant is testable without a model.</summary>
public static class OcrTextRule
{
    /// <summary>Joins recognised lines with single spaces and trims: the ocr_raw_text.</summary>
    public static string RawText(IEnumerable<OcrLine> lines) =>
        string.Join(' ', lines.Select(l => l.Text.Trim()).Where(t => t.Length > 0)).Trim();

    /// <summary>Mean line confidence; 0.0 without lines.</summary>
    public static double Confidence(IReadOnlyCollection<OcrLine> lines) =>
        lines.Count == 0 ? 0.0 : lines.Average(l => l.Confidence);

    public static OcrJudgement Judge(string rawText, string? expectedText)
    {
        var expected = expectedText?.Trim() ?? "";
        if (expected.Length > 0)
        {
            // Invariant lower-casing, not ordinal-ignore-case: the legacy server compared lower(raw) with lower(e).
            var found = rawText.ToLower(CultureInfo.InvariantCulture)
                .Contains(expected.ToLower(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            return found
                ? new OcrJudgement(true, $"[PASS: Contains '{expected}']", rawText)
                : new OcrJudgement(false, $"[FAIL: Expected '{expected}', detected '{rawText}']", rawText);
        }

        return rawText.Length > 0
            ? new OcrJudgement(true, "[PASS: Text detected]", rawText)
            : new OcrJudgement(false, "[FAIL: No text detected]", rawText);
    }
}
