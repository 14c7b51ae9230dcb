namespace Aoi.Benchmarks.Performance;

/// <summary>Everything one performance run measured, with the load average seen around each phase.</summary>
public sealed class PerformanceResults
{
    public required string Machine { get; init; }
    public required string Command { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required bool Quick { get; init; }
    public List<EngineFigure> Engines { get; } = [];
    public List<FanOutFigure> FanOut { get; } = [];
    public List<ProductFigure> Products { get; } = [];
    public List<ThroughputFigure> Throughput { get; } = [];
    public List<MemoryFigure> Memory { get; } = [];
    public List<ImagePathFigure> ImagePath { get; } = [];
    public List<EngineFigure> ModelStages { get; } = [];

    /// <summary>Compare models built from their files against read from the store, per ROI.</summary>
    public List<EngineFigure> ModelStore { get; } = [];
    public List<VersusFigure> Versus { get; } = [];
    public ThroughputFigure? LeanThroughput { get; set; }

    /// <summary>Further 8-client bursts after the first, this server's and the lean peer's taking turns (a settled server).</summary>
    public List<(ThroughputFigure Server, ThroughputFigure Lean)> LaterBursts { get; } = [];
    public ModelCheckFigure? ModelCheck { get; set; }

    /// <summary>Why the seed-design peers were not measured (missing prerequisites), or null.</summary>
    public string? PeerProblem { get; set; }
    public FirstInspectionFigures? FirstInspection { get; set; }
    public List<(string Phase, string LoadAverage, TimeSpan Elapsed)> Phases { get; } = [];
}
