using System.Text.Json.Nodes;

namespace Aoi.Grains.Interfaces;

/// <summary>The product's colour ranges as stored (GET /api/products/p/colors); a message when there is no colour file.</summary>
[GenerateSerializer, Immutable, Alias("aoi.StoredColors")]
public sealed record StoredColors(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] JsonArray? Ranges,
    [property: Id(2)] string? Message);
