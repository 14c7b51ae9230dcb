namespace Aoi.Grains.Interfaces;

/// <summary>Counts over a set of ROI results (spec 6.3); passed = total &gt; 0 and all passed.</summary>
[GenerateSerializer, Immutable, Alias("aoi.OverallResult")]
public sealed record OverallResult(
    [property: Id(0)] bool Passed,
    [property: Id(1)] int TotalRois,
    [property: Id(2)] int PassedRois,
    [property: Id(3)] int FailedRois)
{
    public static OverallResult Of(IReadOnlyCollection<RoiResult> results)
    {
        var passed = results.Count(r => r.Passed);
        return new OverallResult(results.Count > 0 && passed == results.Count, results.Count, passed, results.Count - passed);
    }
}
