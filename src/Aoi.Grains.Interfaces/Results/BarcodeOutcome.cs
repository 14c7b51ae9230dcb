namespace Aoi.Grains.Interfaces;

/// <summary>Barcode keys of a ROI result (spec 3.2); <see cref="Candidate"/> is the ROI's candidate device barcode.</summary>
[GenerateSerializer, Immutable, Alias("aoi.BarcodeOutcome")]
public sealed record BarcodeOutcome(
    [property: Id(0)] string[] Values,
    [property: Id(1)] string[] Formats,
    [property: Id(2)] string? Candidate);
