using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Aoi.Grains.Products;

/// <summary>
/// Reads one ROI element (object or old array format) with the lenient rules of spec 2.3, validates it against every
/// rule of 2.4 and builds both the typed <see cref="RoiDefinition"/> and the canonical stored object of 2.6.
/// </summary>
internal sealed partial class RoiReader
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly string[] ColourKeys = ["expected_color", "color_tolerance", "min_pixel_percentage", "color_ranges"];

    /// <summary>Keys the canonical object writes itself (or deliberately drops); every other key is kept as given.</summary>
    private static readonly HashSet<string> RewrittenKeys =
    [
        "idx", "type", "coords", "focus", "exposure", "ai_threshold", "feature_method", "rotation", "device_location",
        "expected_text", "is_device_barcode", "sample_text", RoiArrayLayout.ColourObjectKey, .. ColourKeys,
    ];

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColour();

    private readonly List<(string Text, bool Fatal)> _messages = [];
    private readonly int _position;
    private readonly RoiListContext _context;
    private readonly JsonObject _view;
    private readonly Dictionary<string, JsonNode?> _colour = [];

    private RoiReader(int position, RoiListContext context, JsonObject view)
    {
        _position = position;
        _context = context;
        _view = view;
    }

    public static ParsedRoi Read(JsonNode? element, int position, RoiListContext context)
    {
        switch (element)
        {
            case JsonObject obj:
                return new RoiReader(position, context, obj).Read();
            case JsonArray array when RoiArrayLayout.IsSupportedLength(array.Count):
                return new RoiReader(position, context, RoiArrayLayout.ToObject(array)).Read();
            case JsonArray array:
                var idx = array.Count > 0 ? array[0] : null;
                return Rejected(position, idx, $"Unsupported array length {array.Count} (expected 3..12 elements)");
            default:
                return Rejected(position, null, "ROI must be an object or an array");
        }
    }

    private static ParsedRoi Rejected(int position, JsonNode? idx, string message) =>
        new(position, null, [$"{Prefix(position, idx)}{message}"], true, null, null);

    private static string Prefix(int position, JsonNode? idx) =>
        $"ROI {position} (idx={(idx is null ? "None" : LenientJson.Display(idx))}): ";

    private void Fatal(string text) => _messages.Add((text, true));

    private void Problem(string text) => _messages.Add((text, false));

    private ParsedRoi Read()
    {
        foreach (var field in new[] { "idx", "type", "coords" })
        {
            if (_view[field] is null)
            {
                Fatal($"Missing required field: {field}");
            }
        }

        var idx = ReadInteger("idx", fatal: true);
        var type = ReadInteger("type", fatal: true);
        var focus = ReadInteger("focus", fatal: true);
        var exposure = ReadInteger("exposure", fatal: true);
        var rotation = ReadInteger("rotation", fatal: false);
        var deviceLocation = ReadInteger("device_location", fatal: false);
        var deviceId = ReadInteger("device_id", fatal: false);
        var isColour = type is { IsOk: true, Value: RoiDefinition.Color };
        LiftColourKeys(isColour);
        var tolerance = isColour ? ReadInteger("color_tolerance", fatal: false, _colour["color_tolerance"]) : default;

        if (idx is { IsOk: true, Value: < 1 })
        {
            Problem("idx must be >= 1");
        }

        if (idx.IsOk && !_context.FirstPositionOfIdx.TryAdd(idx.Value, _position))
        {
            Fatal($"Duplicate idx {idx.Value} (also at ROI {_context.FirstPositionOfIdx[idx.Value]})");
        }

        if (type is { IsOk: true, Value: < RoiDefinition.Barcode or > RoiDefinition.Color })
        {
            Problem($"Invalid ROI type: {type.Value}. Must be 1 (Barcode), 2 (Compare), 3 (OCR), or 4 (Color)");
        }

        var coords = ReadCoords();
        if (focus is { IsOk: true, Value: < 0 })
        {
            Problem("focus must be an integer >= 0");
        }

        if (exposure is { IsOk: true, Value: <= 0 })
        {
            Problem("exposure must be an integer > 0");
        }

        // device_id is an older name of the slot: it fills in for a missing device_location and must agree with it.
        var device = deviceLocation.IsOk ? deviceLocation.Value : deviceId.Or(RoiDefaults.DeviceLocation);
        if ((deviceLocation.IsOk || deviceId.IsOk) && device is < 1 or > 4)
        {
            Problem("device_location must be between 1 and 4");
        }

        if (deviceLocation.IsOk && deviceId.IsOk && deviceLocation.Value != deviceId.Value)
        {
            Problem($"device_id ({deviceId.Value}) contradicts device_location ({deviceLocation.Value})");
        }

        if (rotation.IsOk && rotation.Value is not (0 or 90 or 180 or 270))
        {
            Problem("rotation must be one of 0, 90, 180, 270");
        }

        var threshold = LenientJson.ReadNumber(_view["ai_threshold"]);
        if (threshold.State == FieldState.Invalid || (threshold.IsOk && threshold.Value is < 0 or > 1))
        {
            Problem("ai_threshold must be between 0 and 1");
        }

        var pattern = ReadPattern();
        var colour = isColour ? ReadColour(tolerance) : ColourSettings.None;

        var messages = _messages.Select(m => Prefix(_position, _view["idx"]) + m.Text).ToList();
        if (_messages.Any(m => m.Fatal))
        {
            return new ParsedRoi(_position, idx.OrNull, messages, true, null, null);
        }

        var fields = new RoiFields(
            idx.Value, type.Value, coords!, focus.Or(RoiDefaults.Focus), exposure.Or(RoiDefaults.Exposure),
            threshold, rotation.Or(RoiDefaults.Rotation), device, pattern, colour);
        var definition = BuildDefinition(fields, messages.Count == 0 ? null : string.Join("; ", messages));
        return new ParsedRoi(_position, idx.Value, messages, false, definition, BuildCanonical(fields));
    }

    private FieldRead<int> ReadInteger(string field, bool fatal, JsonNode? node = null)
    {
        var read = LenientJson.ReadInt(node ?? _view[field]);
        if (read.State == FieldState.Invalid)
        {
            _messages.Add(($"Invalid field value: {field} must be an integer", fatal));
        }

        return read;
    }

    /// <summary>A nested colour object (object format or 12th array element) fills in colour keys absent at top level.</summary>
    private void LiftColourKeys(bool isColour)
    {
        var nested = _view[RoiArrayLayout.ColourObjectKey];
        if (isColour && nested is not null and not JsonObject)
        {
            Problem("'color_config' must be an object");
        }

        foreach (var key in ColourKeys)
        {
            _colour[key] = _view[key] ?? (nested as JsonObject)?[key];
        }
    }

    private int[]? ReadCoords()
    {
        var node = _view["coords"];
        if (node is null)
        {
            return null; // reported as missing
        }

        var values = node is JsonArray { Count: 4 } array ? array.Select(LenientJson.ReadInt).ToArray() : [];
        if (values.Length != 4 || !values.All(v => v.IsOk))
        {
            Fatal("coords must be 4 integers [x1, y1, x2, y2]");
            return null;
        }

        var c = values.Select(v => v.Value).ToArray();
        if (!(0 <= c[0] && c[0] < c[2] && 0 <= c[1] && c[1] < c[3]))
        {
            Problem("coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2");
        }

        return c;
    }

    private string? ReadPattern()
    {
        var node = _view["expected_pattern"];
        if (node is null)
        {
            return null;
        }

        if (LenientJson.KindOf(node) != JsonValueKind.String)
        {
            Problem("expected_pattern is not a valid regular expression: it must be a string");
            return null;
        }

        var pattern = node.GetValue<string>();
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, PatternTimeout);
            return pattern;
        }
        catch (ArgumentException ex)
        {
            Problem($"expected_pattern is not a valid regular expression: {ex.Message}");
            return null;
        }
    }

    private ColourSettings ReadColour(FieldRead<int> tolerance)
    {
        var expectedNode = _colour["expected_color"];
        var rangesNode = _colour["color_ranges"];
        var hasOwnRanges = rangesNode is JsonArray { Count: > 0 } || rangesNode is not null and not JsonArray;
        if (expectedNode is null && !hasOwnRanges && !_context.ProductHasColorRanges)
        {
            Problem("Color ROI (type 4) must have 'expected_color' or 'color_ranges'");
        }

        var expected = expectedNode is null ? null : ReadExpectedColour(expectedNode);

        if (tolerance.IsOk && tolerance.Value is < 0 or > 255)
        {
            Problem("color_tolerance must be an integer between 0 and 255");
        }

        var minPercentage = LenientJson.ReadNumber(_colour["min_pixel_percentage"]);
        if (minPercentage.State == FieldState.Invalid || (minPercentage.IsOk && minPercentage.Value is < 0 or > 100))
        {
            Problem("min_pixel_percentage must be between 0 and 100");
        }

        IReadOnlyList<ParsedColorRange>? ranges = null;
        if (rangesNode is JsonArray rangesArray)
        {
            ranges = ColorRangeParser.ParseAll(rangesArray);
            foreach (var message in ranges.SelectMany(r => r.Messages))
            {
                Problem(message);
            }
        }
        else if (rangesNode is not null)
        {
            Problem("color_ranges must be an array of colour ranges");
        }

        return new ColourSettings(
            expected, tolerance.Or(RoiDefaults.ColorTolerance), minPercentage.Or(RoiDefaults.MinPixelPercentage),
            _colour["min_pixel_percentage"], ranges);
    }

    private int[]? ReadExpectedColour(JsonNode node)
    {
        if (LenientJson.KindOf(node) == JsonValueKind.String)
        {
            var text = node.GetValue<string>().Trim();
            if (HexColour().IsMatch(text))
            {
                return [Convert.ToInt32(text[1..3], 16), Convert.ToInt32(text[3..5], 16), Convert.ToInt32(text[5..7], 16)];
            }
        }
        else if (node is JsonArray { Count: 3 } array)
        {
            var values = array.Select(LenientJson.ReadInt).ToArray();
            if (values.All(v => v is { IsOk: true, Value: >= 0 and <= 255 }))
            {
                return values.Select(v => v.Value).ToArray();
            }

            Problem($"Invalid color values: {LenientJson.Display(node)}");
            return null;
        }

        Problem("'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'");
        return null;
    }

    private RoiDefinition BuildDefinition(RoiFields f, string? configError)
    {
        var isCompare = f.Type == RoiDefinition.Compare;
        var isColour = f.Type == RoiDefinition.Color;
        double? threshold = isColour
            ? null
            : f.Threshold.IsOk ? f.Threshold.Value : isCompare ? _context.DefaultCompareThreshold : null;
        var enabled = LenientJson.ReadBool(_view["enabled"]).Or(RoiDefaults.Enabled);
        return new RoiDefinition(
            f.Idx, f.Type, new RoiRect(f.Coords[0], f.Coords[1], f.Coords[2], f.Coords[3]), f.Focus, f.Exposure,
            threshold, isColour ? null : FeatureMethod(f.Type), f.Rotation, f.Device,
            isColour ? null : ExpectedText(), isColour ? null : LenientJson.ReadBool(_view["is_device_barcode"]).OrNull,
            f.Pattern, f.Colour.Expected, f.Colour.Tolerance, f.Colour.MinPercentage,
            f.Colour.Ranges?.Where(r => r.Range is not null).Select(r => r.Range!).ToArray(), enabled, configError);
    }

    /// <summary>Canonical stored object of spec 2.6 step 2.</summary>
    private JsonObject BuildCanonical(RoiFields f)
    {
        var isColour = f.Type == RoiDefinition.Color;
        var canonical = new JsonObject
        {
            ["idx"] = f.Idx,
            ["type"] = f.Type,
            ["coords"] = new JsonArray(f.Coords.Select(c => (JsonNode)c).ToArray()),
            ["focus"] = f.Focus,
            ["exposure"] = f.Exposure,
            ["ai_threshold"] = isColour ? null : CanonicalThreshold(f),
            ["feature_method"] = isColour ? null : FeatureMethod(f.Type),
            ["rotation"] = f.Rotation,
            ["device_location"] = f.Device,
            ["expected_text"] = isColour ? null : ExpectedText(),
            ["is_device_barcode"] = isColour ? null : CanonicalDeviceBarcodeFlag(),
        };

        if (isColour)
        {
            if (f.Colour.Expected is { } rgb)
            {
                canonical["expected_color"] = new JsonArray(rgb.Select(c => (JsonNode)c).ToArray());
                canonical["color_tolerance"] = f.Colour.Tolerance;
                canonical["min_pixel_percentage"] = f.Colour.MinPercentageNode is { } given && LenientJson.KindOf(given) == JsonValueKind.Number
                    ? given.DeepClone()
                    : LenientJson.Real(f.Colour.MinPercentage);
            }

            if (f.Colour.Ranges is { Count: > 0 } ranges)
            {
                canonical["color_ranges"] = new JsonArray(ranges.Select(r => (JsonNode)r.Canonical.DeepClone()).ToArray());
            }
        }

        foreach (var (key, value) in _view)
        {
            if (!RewrittenKeys.Contains(key))
            {
                canonical[key] = value?.DeepClone();
            }
        }

        return canonical;
    }

    /// <summary>Missing → default for compare (null otherwise); explicit null stays null (= "use the default").</summary>
    private JsonNode? CanonicalThreshold(RoiFields f)
    {
        var node = _view["ai_threshold"];
        if (node is null)
        {
            return !_view.ContainsKey("ai_threshold") && f.Type == RoiDefinition.Compare
                ? LenientJson.Real(RoiDefaults.CompareThreshold)
                : null;
        }

        return LenientJson.KindOf(node) == JsonValueKind.Number || !f.Threshold.IsOk
            ? node.DeepClone()
            : JsonValue.Create(f.Threshold.Value);
    }

    /// <summary>Missing on a compare ROI → "mobilenet"; an explicit null means OpenCV descriptors (spec 2.3).</summary>
    private string? FeatureMethod(int type) =>
        _view.ContainsKey("feature_method")
            ? LenientJson.ReadText(_view["feature_method"])
            : type == RoiDefinition.Compare ? RoiDefaults.CompareFeatureMethod : null;

    private string? ExpectedText() =>
        LenientJson.ReadText(_view["expected_text"]) ?? LenientJson.ReadText(_view["sample_text"]);

    private JsonNode? CanonicalDeviceBarcodeFlag()
    {
        var read = LenientJson.ReadBool(_view["is_device_barcode"]);
        return read.State switch
        {
            FieldState.Ok => read.Value,
            FieldState.Absent => null,
            _ => _view["is_device_barcode"]!.DeepClone(), // no rule rejects it; keep what the user wrote
        };
    }

    private sealed record ColourSettings(
        int[]? Expected, int Tolerance, double MinPercentage, JsonNode? MinPercentageNode,
        IReadOnlyList<ParsedColorRange>? Ranges)
    {
        public static readonly ColourSettings None =
            new(null, RoiDefaults.ColorTolerance, RoiDefaults.MinPixelPercentage, null, null);
    }

    private sealed record RoiFields(
        int Idx, int Type, int[] Coords, int Focus, int Exposure, FieldRead<double> Threshold, int Rotation,
        int Device, string? Pattern, ColourSettings Colour);
}
