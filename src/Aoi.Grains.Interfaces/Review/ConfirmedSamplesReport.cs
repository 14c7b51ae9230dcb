namespace Aoi.Grains.Interfaces;

/// <summary>Confirmed defects and false calls of one product judged against the current libraries, per compare ROI.</summary>
[GenerateSerializer, Immutable, Alias("aoi.ConfirmedSamplesReport")]
public sealed record ConfirmedSamplesReport(
    [property: Id(0)] string ProductName,
    [property: Id(1)] ConfirmedRoiSamples[] Rois)
{
    /// <summary>Confirmed defects the current libraries let pass (each one is an escape).</summary>
    public int DefectEscapes => Rois.Sum(r => r.Defects.Count(d => d.Passed));

    /// <summary>Confirmed false calls the current libraries still reject.</summary>
    public int FalseCallsStillFailing => Rois.Sum(r => r.FalseCalls.Count(f => !f.Passed));
}
