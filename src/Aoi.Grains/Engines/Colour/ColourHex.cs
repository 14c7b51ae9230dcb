namespace Aoi.Grains.Engines.Colour;

/// <summary>The legacy "#RRGGBB" spelling of an [R,G,B] colour (upper-case hex).</summary>
public static class ColourHex
{
    public static string Of(IReadOnlyList<int> rgb) => $"#{rgb[0]:X2}{rgb[1]:X2}{rgb[2]:X2}";
}
