using System.Text.Json.Nodes;

namespace Aoi.Grains.Interfaces;

/// <summary>
/// The stored ROI configuration (GET /api/products/p/rois): the objects exactly as stored, old array entries as
/// canonical objects — a legacy document whose unknown keys are kept verbatim, hence a JSON array, not ROI records.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.StoredRois")]
public sealed record StoredRois(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] JsonArray? Rois);
