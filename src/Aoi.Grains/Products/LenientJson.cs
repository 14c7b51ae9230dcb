using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>How a lenient read of one field went.</summary>
public enum FieldState
{
    /// <summary>Key absent or explicit JSON null: the caller applies the default of spec 2.3.</summary>
    Absent,

    /// <summary>A usable value.</summary>
    Ok,

    /// <summary>Present but not usable (non-integral number for an integer field, non-numeric text, wrong JSON kind).</summary>
    Invalid,
}

/// <summary>Result of a lenient read: state plus the value when <see cref="FieldState.Ok"/>.</summary>
public readonly record struct FieldRead<T>(FieldState State, T Value) where T : struct
{
    public bool IsOk => State == FieldState.Ok;
    public T? OrNull => IsOk ? Value : null;
    public T Or(T fallback) => IsOk ? Value : fallback;
}

/// <summary>
/// Lenient readers for hand-edited legacy configurations (spec 2.3): numbers may arrive as JSON integers, integral
/// floats ("3.0") or numeric strings ("305"), because the old clients and editors wrote all three.
/// </summary>
public static class LenientJson
{
    /// <summary>Integer field: int, integral float or numeric string. Null/missing → Absent.</summary>
    public static FieldRead<int> ReadInt(JsonNode? node)
    {
        var number = ReadNumber(node);
        if (number.State != FieldState.Ok)
        {
            return new(number.State, 0);
        }

        var value = number.Value;
        return Math.Floor(value) == value && value >= int.MinValue && value <= int.MaxValue
            ? new(FieldState.Ok, (int)value)
            : new(FieldState.Invalid, 0);
    }

    /// <summary>Real-valued field: JSON number or numeric string. Null/missing → Absent.</summary>
    public static FieldRead<double> ReadNumber(JsonNode? node)
    {
        switch (KindOf(node))
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return new(FieldState.Absent, 0);
            case JsonValueKind.Number:
                // The JSON text works for values parsed from a file and for values built in code alike.
                return double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                       && double.IsFinite(number)
                    ? new(FieldState.Ok, number)
                    : new(FieldState.Invalid, 0);
            case JsonValueKind.String:
                var text = node!.GetValue<string>().Trim();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                       && double.IsFinite(parsed)
                    ? new(FieldState.Ok, parsed)
                    : new(FieldState.Invalid, 0);
            default:
                return new(FieldState.Invalid, 0);
        }
    }

    /// <summary>Boolean field: true/false, or the strings "true"/"false" written by some editors. Null/missing → Absent.</summary>
    public static FieldRead<bool> ReadBool(JsonNode? node)
    {
        switch (KindOf(node))
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return new(FieldState.Absent, false);
            case JsonValueKind.True:
                return new(FieldState.Ok, true);
            case JsonValueKind.False:
                return new(FieldState.Ok, false);
            case JsonValueKind.String when bool.TryParse(node!.GetValue<string>().Trim(), out var parsed):
                return new(FieldState.Ok, parsed);
            default:
                return new(FieldState.Invalid, false);
        }
    }

    /// <summary>Text field: strings as they are, numbers by their JSON text; null/missing → null.</summary>
    public static string? ReadText(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => node!.GetValue<string>(),
        _ => node!.ToJsonString(),
    };

    /// <summary>JSON kind of a node; Undefined for a missing node, Null for an explicit null.</summary>
    public static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    /// <summary>Human-readable form of a raw value for messages: strings without quotes, anything else as JSON.</summary>
    public static string Display(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Null => "None",
        JsonValueKind.String => node!.GetValue<string>(),
        JsonValueKind.Array => "[" + string.Join(", ", node!.AsArray().Select(Display)) + "]",
        _ => node!.ToJsonString(),
    };

    /// <summary>A JSON number node with Python-like text (5.0 stays "5.0") so stored files keep their look.</summary>
    public static JsonNode Real(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (Math.Floor(value) == value && !text.Contains('E'))
        {
            text += ".0";
        }

        return JsonNode.Parse(text)!;
    }
}
