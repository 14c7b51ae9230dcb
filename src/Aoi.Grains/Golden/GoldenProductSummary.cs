namespace Aoi.Grains.Golden;

/// <summary>One product's golden library totals for GET /api/golden-sample/products (spec 7.6).</summary>
public sealed record GoldenProductSummary(string ProductName, IReadOnlyList<int> Rois, int TotalSamples, long TotalSize);
