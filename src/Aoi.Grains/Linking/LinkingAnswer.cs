namespace Aoi.Grains.Linking;

/// <summary>Reading of a linking service HTTP 200 body (spec 6.7).</summary>
public static class LinkingAnswer
{
    /// <summary>The linked barcode carried by <paramref name="body"/>, or null when the service says "not linked".</summary>
    public static string? Parse(string? body)
    {
        var value = (body ?? string.Empty).Trim();
        // Exactly one pair: the service answers a JSON string literal or a bare value, never nested quoting.
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        // A blank value cannot serve as a device barcode, so it is read like an empty answer.
        return string.IsNullOrWhiteSpace(value) || value.Equals("null", StringComparison.OrdinalIgnoreCase) ? null : value;
    }
}
