namespace Aoi.Benchmarks;

/// <summary>One product's evaluations, one per method in the run's order; empty when the product has no compare ROI.</summary>
public sealed record ProductRun(string Product, IReadOnlyList<ProductEvaluation> Methods);
