using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>JSON writing conventions of the product files: 2-space indent, text kept readable (no \u escapes).</summary>
public static class ProductJson
{
    private static readonly JsonSerializerOptions FileOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>File form: indented with 2 spaces, trailing newline.</summary>
    public static string ToFileText(JsonNode node) => node.ToJsonString(FileOptions) + "\n";

    /// <summary>Compact form for payloads handed to the web layer.</summary>
    public static string ToCompactText(JsonNode? node) => node?.ToJsonString(CompactOptions) ?? "null";
}
