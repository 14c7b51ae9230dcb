namespace Aoi.Grains.Interfaces;

/// <summary>A refused request: its kind, the legacy error text the clients display, and spec 2.4 messages if any.</summary>
[GenerateSerializer, Immutable, Alias("aoi.Failure")]
public sealed record Failure(
    [property: Id(0)] FailureKind Kind,
    [property: Id(1)] string Error,
    [property: Id(2)] string[]? ValidationErrors = null);
