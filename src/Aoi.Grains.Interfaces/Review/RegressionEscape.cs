namespace Aoi.Grains.Interfaces;

/// <summary>
/// A regression sample (confirmed defect of inspection <see cref="InspectionId"/>) that a proposed library would let
/// pass: its similarity against the threshold, or the reason it could not be checked (then the change is refused too,
/// because an unchecked change could let it pass).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.RegressionEscape")]
public sealed record RegressionEscape(
    [property: Id(0)] string InspectionId,
    [property: Id(1)] int RoiId,
    [property: Id(2)] double Similarity,
    [property: Id(3)] double Threshold,
    [property: Id(4)] string? Error)
{
    /// <summary>One sentence naming the confirmed defect's inspection (the sample's name), for error texts.</summary>
    public string Describe() => Error is null
        ? $"the confirmed defect of inspection {InspectionId} (regression sample of ROI {RoiId}) would pass: similarity {Similarity:F3} >= threshold {Threshold:F3}"
        : $"the confirmed defect of inspection {InspectionId} (regression sample of ROI {RoiId}) could not be checked: {Error}";
}
