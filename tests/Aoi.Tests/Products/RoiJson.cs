using System.Text.Json.Nodes;
using Aoi.Grains.Products;

namespace Aoi.Tests.Products;

/// <summary>Small helpers to read ROI lists in tests.</summary>
internal static class RoiJson
{
    /// <summary>Parses a one-element list and returns the element.</summary>
    public static ParsedRoi ParseOne(string elementJson, bool productHasColorRanges = false)
    {
        var list = RoiList.Parse($"[{elementJson}]", productHasColorRanges, 0.9);
        return Assert.Single(list.Rois);
    }

    /// <summary>Parses a one-element list that must be free of messages and returns its definition.</summary>
    public static RoiDefinition Load(string elementJson)
    {
        var roi = ParseOne(elementJson);
        Assert.Empty(roi.Messages);
        return roi.Definition!;
    }

    public static JsonArray Array(string json) => JsonNode.Parse(json)!.AsArray();
}
