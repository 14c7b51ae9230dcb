using System.Text.Json.Nodes;

namespace Aoi.Web.Legacy;

/// <summary>The session status object of spec 7.4.</summary>
public static class SessionJson
{
    public static JsonObject Status(SessionStatus s) => new()
    {
        ["session_id"] = s.SessionId,
        ["product_name"] = s.ProductName,
        ["client_info"] = s.ClientInfo.DeepClone(),
        ["created_at"] = WireTime.Iso(s.CreatedAt),
        ["last_activity"] = WireTime.Iso(s.LastActivity),
        ["inspection_count"] = s.InspectionCount,
        ["busy"] = s.Busy,
    };
}
