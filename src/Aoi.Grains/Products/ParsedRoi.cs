using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>
/// One element of a ROI list after reading and validating it. <see cref="Definition"/> and <see cref="Canonical"/> are
/// null when a fatal rule of spec 2.5 failed (the file is then unusable); otherwise the ROI is listed, with
/// <see cref="RoiDefinition.ConfigError"/> set when it broke a non-fatal rule.
/// </summary>
public sealed record ParsedRoi(
    int Position,
    int? Idx,
    IReadOnlyList<string> Messages,
    bool IsFatal,
    RoiDefinition? Definition,
    JsonObject? Canonical);
