using System.Text.Json;

namespace Aoi.Tests.Grains;

/// <summary>
/// Reads the geometry of a real product (object format only: idx, type, coords, focus, exposure, device_location,
/// enabled) for pipeline tests. Not the product loader: that one lives with the product configuration code.
/// </summary>
public static class RealProducts
{
    public static RoiDefinition[] LoadRois(string datasetRoot, string product)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(datasetRoot, product, $"rois_config_{product}.json")));
        return json.RootElement.EnumerateArray().Select(e =>
        {
            var c = e.GetProperty("coords").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            int Int(string name, int fallback) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;
            var enabled = !e.TryGetProperty("enabled", out var en) || en.ValueKind != JsonValueKind.False;
            return new RoiDefinition(Int("idx", 0), Int("type", 0), new RoiRect(c[0], c[1], c[2], c[3]), Int("focus", 305),
                Int("exposure", 3000), null, null, 0, Int("device_location", 1), null, null, null, null, 10, 5.0, null, enabled, null);
        }).ToArray();
    }
}
