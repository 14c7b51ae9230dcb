namespace Aoi.Grains.Interfaces;

/// <summary>The spec 3.6 protocol run on one product's golden library with one similarity method choice.</summary>
[GenerateSerializer, Immutable, Alias("aoi.ProductEvaluation")]
public sealed record ProductEvaluation(
    [property: Id(0)] string ProductName,
    [property: Id(1)] string Method,
    [property: Id(2)] RoiAccuracy[] Rois,
    [property: Id(3)] EvaluationTotals Totals);
