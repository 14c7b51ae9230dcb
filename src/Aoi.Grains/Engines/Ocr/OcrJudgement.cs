namespace Aoi.Grains.Engines.Ocr;

/// <summary>Verdict of the expected-text rule: the pass flag and the legacy tag appended to the raw text.</summary>
public sealed record OcrJudgement(bool Passed, string Tag, string RawText)
{
    /// <summary>ocr_text: raw text, one space, tag; an empty text keeps the leading space the clients expect.</summary>
    public string OcrText => RawText + " " + Tag;
}
