using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>Contents of colors_config_p.json: the stored ranges as written and the valid ones as typed ranges.</summary>
public sealed record ProductColorFileContent(bool Exists, string? Error, JsonArray StoredRanges, ColorRange[] ValidRanges)
{
    public static readonly ProductColorFileContent Missing = new(false, null, [], []);
}

/// <summary>The optional product colour file (spec 4.1, 7.2): {product_name, color_ranges, updated_at}.</summary>
public static class ProductColorFile
{
    /// <summary>Reads the file; a bare array of ranges (older editors) is accepted too.</summary>
    public static ProductColorFileContent Read(string path)
    {
        if (!File.Exists(path))
        {
            return ProductColorFileContent.Missing;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            return new(true, $"Color configuration is not valid JSON: {ex.Message}", [], []);
        }

        var ranges = root switch
        {
            JsonArray array => array,
            JsonObject obj => obj["color_ranges"] as JsonArray,
            _ => null,
        };
        if (ranges is null)
        {
            return new(true, "Color configuration has no color_ranges array", [], []);
        }

        var valid = ColorRangeParser.ParseAll(ranges).Where(r => r.Range is not null).Select(r => r.Range!).ToArray();
        return new(true, null, (JsonArray)ranges.DeepClone(), valid);
    }

    public static void Write(string path, string productName, JsonArray ranges, DateTime localNow)
    {
        var content = new JsonObject
        {
            ["product_name"] = productName,
            ["color_ranges"] = ranges,
            ["updated_at"] = localNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
        AtomicFile.WriteAllText(path, ProductJson.ToFileText(content));
    }
}
