using System.Text.Json.Nodes;

namespace Aoi.Grains.Interfaces;

/// <summary>
/// How a <see cref="JsonArray"/> (a legacy configuration document) crosses a grain call: as its JSON text. Registered
/// by the code generator with the contracts, so every silo and client knows it without extra configuration.
/// </summary>
[GenerateSerializer, Alias("aoi.JsonArraySurrogate")]
public struct JsonArraySurrogate
{
    [Id(0)] public string Json;
}

[RegisterConverter]
public sealed class JsonArraySurrogateConverter : IConverter<JsonArray, JsonArraySurrogate>
{
    public JsonArray ConvertFromSurrogate(in JsonArraySurrogate surrogate) => JsonNode.Parse(surrogate.Json)!.AsArray();

    public JsonArraySurrogate ConvertToSurrogate(in JsonArray value) => new() { Json = value.ToJsonString() };
}

/// <summary>The same for a <see cref="JsonObject"/> (a station's client_info, kept as it sent it).</summary>
[GenerateSerializer, Alias("aoi.JsonObjectSurrogate")]
public struct JsonObjectSurrogate
{
    [Id(0)] public string Json;
}

[RegisterConverter]
public sealed class JsonObjectSurrogateConverter : IConverter<JsonObject, JsonObjectSurrogate>
{
    public JsonObject ConvertFromSurrogate(in JsonObjectSurrogate surrogate) => JsonNode.Parse(surrogate.Json)!.AsObject();

    public JsonObjectSurrogate ConvertToSurrogate(in JsonObject value) => new() { Json = value.ToJsonString() };
}
