namespace Aoi.Benchmarks.Performance;

/// <summary>
/// One product end to end over HTTP, medians over the measured inspections of its good board; ColdProductMs = its first
/// inspection on the already running server (product snapshot and golden features not cached yet).
/// </summary>
public sealed record ProductFigure(
    string Product, int Rois, int Inspections, double ColdProductMs, double WallMs, double DecodeMs, double RoiPhaseMs, double OtherPipelineMs,
    double ResponseMs, double SumRoiMs, double Efficiency, int GoodPassed, bool? FaultyFailed, string? Problem);

/// <summary>Concurrent line clients, each on its own session, inspecting full-frame boards back to back.</summary>
public sealed record ThroughputFigure(
    int Clients, int Inspections, double Seconds, double PerSecond, double CpuUtilisation, double MedianMs, double P90Ms, int Errors);

/// <summary>A fresh server with one decode gate setting under 8 concurrent full-frame clients.</summary>
public sealed record MemoryFigure(
    string Gate, double StartMs, double FirstInspectionMs, double WarmMedianMs, double IdleRssMiB, double PeakRssMiB,
    double PeakSampledRssMiB, int Inspections, double PerSecond, int Errors);

/// <summary>Median warm wall time of one product's good board on one server, with the count of passed and failed requests.</summary>
public sealed record WarmFigure(double MedianMs, int Inspections, int Passed, int Errors, int Rois);

/// <summary>One product on this server and on the two seed-design peers, measured one after the other in the same run.</summary>
public sealed record VersusFigure(string Product, int Rois, WarmFigure Server, WarmFigure Lean, WarmFigure Faithful)
{
    public double LeanRatio => Lean.MedianMs / Server.MedianMs;

    public double FaithfulRatio => Faithful.MedianMs / Server.MedianMs;
}

/// <summary>The peer's torch features against ONNX Runtime's on the same pictures.</summary>
public sealed record ModelCheckFigure(int Pictures, double MinCosine, double MaxAbsDifference);
