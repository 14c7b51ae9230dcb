namespace Aoi.Benchmarks.Load;

/// <summary>
/// One prepared request body of the load mix, the status a correct server answers (200, or the 4xx of a bad request)
/// and, for 200, the verdict it gives.
/// </summary>
public sealed record LoadRequest(string Kind, bool Grouped, byte[] Body, bool ExpectPass, int ExpectedStatus = 200);

/// <summary>
/// One answered request of the load test (<see cref="AtSeconds"/> = when the answer came). A good request may also be
/// answered 503 "inspection interrupted: silo lost, retry" when a silo was killed during the run: that is the contract's
/// answer to a lost silo, counted apart, not as an error.
/// </summary>
public sealed record LoadCall(string Kind, int Status, double WallMs, bool? Passed, bool ExpectPass, double AtSeconds, int ExpectedStatus = 200,
    string? Error = null, bool SiloKilled = false)
{
    public const string SiloLostError = "inspection interrupted: silo lost, retry";

    public double StartedSeconds => AtSeconds - WallMs / 1000;

    public bool IsInterrupted => SiloKilled && ExpectedStatus == 200 && Status == 503 && Error == SiloLostError;

    /// <summary>A good request not answered 200, or a bad one not answered its 4xx (a 500 is always an error).</summary>
    public bool IsError => Status != ExpectedStatus && !IsInterrupted;

    public bool IsWrongVerdict => ExpectedStatus == 200 && Status == 200 && Passed != ExpectPass;
}
