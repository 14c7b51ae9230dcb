namespace Aoi.Benchmarks;

/// <summary>One product's evaluations; null when the product has no compare ROI.</summary>
public sealed record ProductRun(string Product, ProductEvaluation? Baseline, ProductEvaluation? Configured, ProductEvaluation? Classical);
