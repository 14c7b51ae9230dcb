namespace Aoi.Grains.Cfx.Messages;

/// <summary>CFX.Structures.SamplingInformation: how units were sampled (never: every unit is inspected).</summary>
public sealed record SamplingInformation(SamplingMethod SamplingMethod, double? LotSize, double? SampleSize)
{
    public static readonly SamplingInformation None = new(SamplingMethod.NoSampling, null, null);
}
