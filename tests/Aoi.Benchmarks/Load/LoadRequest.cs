namespace Aoi.Benchmarks.Load;

/// <summary>One prepared request body of the load mix and the verdict a correct server gives it.</summary>
public sealed record LoadRequest(string Kind, bool Grouped, byte[] Body, bool ExpectPass);

/// <summary>One answered request of the load test.</summary>
public sealed record LoadCall(string Kind, int Status, double WallMs, bool? Passed, bool ExpectPass, double AtSeconds)
{
    public bool IsError => Status != 200;

    public bool IsWrongVerdict => Status == 200 && Passed != ExpectPass;
}
