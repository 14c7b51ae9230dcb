namespace Aoi.Benchmarks.Performance;

/// <summary>Time per ROI of one engine case, single-threaded on warm engines: median and mean over the crops' medians.</summary>
public sealed record EngineFigure(string Case, int Crops, double MedianMs, double MeanMs, double P90Ms, string Sizes, string Outcome);
