using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>
/// The old array format of spec 2.2, turned into the object format so one reader handles both. Length 5 is the old
/// layout whose position 4 is the threshold, not the exposure.
/// </summary>
public static class RoiArrayLayout
{
    public const int MinLength = 3, MaxLength = 12;

    /// <summary>Key that the 12th element (a colour object) is filed under; the ROI reader lifts it like a nested object.</summary>
    public const string ColourObjectKey = "color_config";

    private static readonly string[] Full =
    [
        "idx", "type", "coords", "focus", "exposure", "ai_threshold", "feature_method", "rotation", "device_location",
        "expected_text", "is_device_barcode", ColourObjectKey,
    ];

    private static readonly string[] OldFive = ["idx", "type", "coords", "focus", "ai_threshold"];

    public static bool IsSupportedLength(int length) => length is >= MinLength and <= MaxLength;

    /// <summary>Keys of the positions present in an array of this (supported) length.</summary>
    public static IReadOnlyList<string> KeysFor(int length) => length switch
    {
        5 => OldFive,
        >= MinLength and <= MaxLength => Full[..length],
        _ => throw new ArgumentOutOfRangeException(nameof(length), length, "unsupported ROI array length"),
    };

    /// <summary>Object view of an array ROI; values are copies, absent positions are absent keys.</summary>
    public static JsonObject ToObject(JsonArray array)
    {
        var keys = KeysFor(array.Count);
        var view = new JsonObject();
        for (var position = 0; position < keys.Count; position++)
        {
            view[keys[position]] = array[position]?.DeepClone();
        }

        return view;
    }
}
