namespace Aoi.Benchmarks.Performance;

/// <summary>
/// One product's ROI phase in process, median over rounds: through the stateless worker grains (cost order), through
/// the grains in plain area order (the order before the change), and a plain Parallel.ForEachAsync over the same
/// RoiProcessor; with the median Σ of per-ROI processing times and the mean process CPU time per run of each.
/// </summary>
public sealed record FanOutFigure(
    string Product, int Rois, int Rounds, double GrainMs, double GrainAreaOrderMs, double PlainMs, double SumRoiMs,
    double GrainCpuMs, double PlainCpuMs)
{
    public double Overhead => GrainMs / PlainMs - 1;

    /// <summary>Process CPU time per run, grains over plain: the cost of the fan-out itself, insensitive to other programs.</summary>
    public double CpuOverhead => GrainCpuMs / PlainCpuMs - 1;

    public double Efficiency(int cores) => SumRoiMs / cores / GrainMs;
}
