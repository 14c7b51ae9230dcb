using System.Text.Json;

namespace Aoi.Grains.History;

/// <summary>
/// The station a session belongs to, read from its <c>client_info</c>: an explicit "station" (or "station_id") wins,
/// then W's "client_id", then "location"; null when the client sent none of them.
/// </summary>
public static class StationName
{
    private static readonly string[] Keys = ["station", "station_id", "client_id", "location"];

    public static string? From(string clientInfoJson)
    {
        try
        {
            using var document = JsonDocument.Parse(clientInfoJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var key in Keys)
            {
                if (document.RootElement.TryGetProperty(key, out var value))
                {
                    var text = value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.Number => value.GetRawText(),
                        _ => null,
                    };
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        return text.Trim();
                    }
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
