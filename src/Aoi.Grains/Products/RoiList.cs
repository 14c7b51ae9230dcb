using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>
/// A whole ROI list read from JSON text: every element validated in order. <see cref="IsUsable"/> is false for the
/// fatal problems of spec 2.5 (bad JSON, not an array, or any fatal element rule).
/// </summary>
public sealed class RoiList
{
    private RoiList(JsonArray? source, IReadOnlyList<ParsedRoi> rois, IReadOnlyList<string> listMessages)
    {
        Source = source;
        Rois = rois;
        Messages = [.. listMessages, .. rois.SelectMany(r => r.Messages)];
        IsUsable = listMessages.Count == 0 && rois.All(r => !r.IsFatal);
    }

    /// <summary>The parsed array (null when the text was not a JSON array).</summary>
    public JsonArray? Source { get; }

    public IReadOnlyList<ParsedRoi> Rois { get; }

    /// <summary>Every validation message, "ROI i (idx=n): …", in list order.</summary>
    public IReadOnlyList<string> Messages { get; }

    public bool IsUsable { get; }

    /// <summary>Listed ROIs (usable lists only), in file order.</summary>
    public RoiDefinition[] Definitions => Rois.Select(r => r.Definition!).ToArray();

    public static RoiList Parse(string json, bool productHasColorRanges, double defaultCompareThreshold)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            return new RoiList(null, [], [$"ROI configuration is not valid JSON: {ex.Message}"]);
        }

        return root is JsonArray array
            ? Parse(array, productHasColorRanges, defaultCompareThreshold)
            : new RoiList(null, [], ["ROI configuration must be a JSON array of ROIs"]);
    }

    public static RoiList Parse(JsonArray array, bool productHasColorRanges, double defaultCompareThreshold)
    {
        var context = new RoiListContext(productHasColorRanges, defaultCompareThreshold);
        var rois = array.Select((element, position) => RoiReader.Read(element, position, context)).ToList();
        return new RoiList(array, rois, []);
    }
}
