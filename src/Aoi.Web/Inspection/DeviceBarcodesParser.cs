using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Web.Http;

namespace Aoi.Web.Inspection;

/// <summary>
/// Reads the operator barcodes of spec 6.6: <c>device_barcodes</c> as <c>{"1": "X"}</c> or
/// <c>[{"device_id": 1, "barcode": "X"}]</c> (ids as integers or numeric strings, null/blank values ignored) and the
/// legacy <c>device_barcode</c> string. Any other shape is a 400 naming the problem.
/// </summary>
public static class DeviceBarcodesParser
{
    private const string Prefix = "Invalid device_barcodes: ";

    public static DeviceBarcodeInput FromJson(JsonObject body) =>
        Build(body["device_barcodes"], JsonFields.AsText(body["device_barcode"]));

    /// <summary>Multipart form: <c>device_barcodes</c> is JSON text, <c>device_barcode</c> plain text.</summary>
    public static DeviceBarcodeInput FromForm(string? deviceBarcodesJson, string? legacy)
    {
        JsonNode? node = null;
        if (!string.IsNullOrWhiteSpace(deviceBarcodesJson))
        {
            try
            {
                node = JsonNode.Parse(deviceBarcodesJson);
            }
            catch (JsonException)
            {
                throw Invalid("not valid JSON");
            }
        }

        return Build(node, legacy);
    }

    private static DeviceBarcodeInput Build(JsonNode? deviceBarcodes, string? legacy)
    {
        var manual = new Dictionary<int, string>();
        switch (deviceBarcodes)
        {
            case null:
                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    var device = DeviceId(JsonFields.ParseInt(key), $"key '{key}' is not a device id 1..4");
                    Add(manual, device, BarcodeText(value, $"value for device {device}"));
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not JsonObject entry)
                    {
                        throw Invalid($"entry {i} is not an object");
                    }

                    var device = DeviceId(JsonFields.AsInt(entry["device_id"]), $"entry {i} device_id is not a device id 1..4");
                    Add(manual, device, BarcodeText(entry["barcode"], $"entry {i} barcode"));
                }

                break;
            default:
                throw Invalid("expected an object or a list");
        }

        var trimmedLegacy = legacy?.Trim();
        return new DeviceBarcodeInput(manual, string.IsNullOrEmpty(trimmedLegacy) ? null : trimmedLegacy);
    }

    private static int DeviceId(int? value, string reason) =>
        value is >= 1 and <= 4 ? value.Value : throw Invalid(reason);

    private static string? BarcodeText(JsonNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        return JsonFields.AsText(node) ?? throw Invalid($"{what} must be a string");
    }

    private static void Add(Dictionary<int, string> manual, int device, string? barcode)
    {
        var trimmed = barcode?.Trim();
        if (!string.IsNullOrEmpty(trimmed))
        {
            // The first usable entry for a device wins, as a repeated entry is most likely a client resend.
            manual.TryAdd(device, trimmed);
        }
    }

    private static ApiException Invalid(string reason) => new(StatusCodes.Status400BadRequest, Prefix + reason);
}
