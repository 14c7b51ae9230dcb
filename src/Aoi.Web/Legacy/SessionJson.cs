using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Web.Legacy;

/// <summary>The session status object of spec 7.4.</summary>
public static class SessionJson
{
    public static JsonObject Status(SessionStatus s) => new()
    {
        ["session_id"] = s.SessionId,
        ["product_name"] = s.ProductName,
        ["client_info"] = ClientInfo(s.ClientInfoJson),
        ["created_at"] = WireTime.Iso(s.CreatedAt),
        ["last_activity"] = WireTime.Iso(s.LastActivity),
        ["inspection_count"] = s.InspectionCount,
        ["busy"] = s.Busy,
    };

    /// <summary>client_info is kept as the JSON the client sent; a damaged stored value degrades to {}.</summary>
    private static JsonNode ClientInfo(string json)
    {
        try
        {
            return JsonNode.Parse(json) ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }
}
