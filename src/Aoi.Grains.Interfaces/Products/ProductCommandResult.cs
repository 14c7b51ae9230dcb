namespace Aoi.Grains.Interfaces;

/// <summary>Generic outcome of a product command (create, import, ROI or colour read/save): HTTP status, error, details and an optional JSON payload.</summary>
[GenerateSerializer, Immutable, Alias("aoi.ProductCommandResult")]
public sealed record ProductCommandResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] string[] ValidationErrors,
    [property: Id(3)] string? Message,
    [property: Id(4)] int Count,
    [property: Id(5)] string? Payload = null);
