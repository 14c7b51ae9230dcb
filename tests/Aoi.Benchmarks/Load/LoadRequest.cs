namespace Aoi.Benchmarks.Load;

/// <summary>
/// One prepared request body of the load mix, the status a correct server answers (200, or the 4xx of a bad request)
/// and, for 200, the verdict it gives.
/// </summary>
public sealed record LoadRequest(string Kind, bool Grouped, byte[] Body, bool ExpectPass, int ExpectedStatus = 200);

/// <summary>One answered request of the load test.</summary>
public sealed record LoadCall(string Kind, int Status, double WallMs, bool? Passed, bool ExpectPass, double AtSeconds, int ExpectedStatus = 200)
{
    /// <summary>A good request not answered 200, or a bad one not answered its 4xx (a 500 is always an error).</summary>
    public bool IsError => Status != ExpectedStatus;

    public bool IsWrongVerdict => ExpectedStatus == 200 && Status == 200 && Passed != ExpectPass;
}
