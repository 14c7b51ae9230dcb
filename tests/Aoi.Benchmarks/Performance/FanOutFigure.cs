namespace Aoi.Benchmarks.Performance;

/// <summary>
/// One product's ROI phase in process, median over rounds: through the stateless worker grains (cost order), through
/// the grains in plain area order (the order before the change), and a plain Parallel.ForEachAsync over the same
/// RoiProcessor; with the median Σ of per-ROI processing times.
/// </summary>
public sealed record FanOutFigure(string Product, int Rois, int Rounds, double GrainMs, double GrainAreaOrderMs, double PlainMs, double SumRoiMs)
{
    public double Overhead => GrainMs / PlainMs - 1;

    public double Efficiency(int cores) => SumRoiMs / cores / GrainMs;
}
