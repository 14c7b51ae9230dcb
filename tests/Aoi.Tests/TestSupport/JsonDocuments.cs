using System.Text.Json.Nodes;
using Aoi.Grains.Products;

namespace Aoi.Tests.TestSupport;

/// <summary>Tests write configuration documents as JSON text; the product contract takes them as parsed arrays.</summary>
internal static class JsonDocuments
{
    public static JsonArray Array(string json) => JsonNode.Parse(json)!.AsArray();

    public static SaveRoisResult SaveRois(this ProductConfigStore store, string product, string json) => store.SaveRois(product, Array(json));

    public static ProductChangeResult SaveColors(this ProductConfigStore store, string product, string json) => store.SaveColors(product, Array(json));

    public static Task<SaveRoisResult> SaveRoisAsync(this IProductGrain product, string json) => product.SaveRoisAsync(Array(json));
}
