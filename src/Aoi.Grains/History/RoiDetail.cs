using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Grains.History;

/// <summary>
/// The part of a ROI result the review station needs besides score and read value, as stored JSON: the ROI's
/// coordinates (to draw it on the board) and, for compare ROIs, the engine's <c>defect</c> and <c>checks</c> when its
/// outcome carries them. Those two are read from the outcome's own serialised form rather than named properties, so
/// they are stored as soon as the compare engine reports them and simply absent (unknown) before.
/// </summary>
public static class RoiDetail
{
    public const string Coordinates = "coordinates";
    public const string Defect = "defect";
    public const string Checks = "checks";

    private static readonly JsonSerializerOptions Wire = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The detail JSON of one ROI result.</summary>
    public static string Of(RoiResult result)
    {
        var detail = new JsonObject
        {
            [Coordinates] = new JsonArray(result.Coordinates.ToArray().Select(v => (JsonNode?)v).ToArray()),
        };
        if (result.Compare is { } compare && JsonSerializer.SerializeToNode(compare, Wire) is JsonObject outcome)
        {
            foreach (var key in new[] { Defect, Checks })
            {
                if (outcome[key] is { } value)
                {
                    detail[key] = value.DeepClone();
                }
            }
        }

        return detail.ToJsonString();
    }

    /// <summary>The stored detail, or null when absent or not a JSON object (rows from before it was kept).</summary>
    public static JsonObject? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
