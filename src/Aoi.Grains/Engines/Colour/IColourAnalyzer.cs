using OpenCvSharp;

namespace Aoi.Grains.Engines.Colour;

/// <summary>The two colour modes of spec 3.5 on a BGR crop. Implementations are thread-safe and never alter the crop.</summary>
public interface IColourAnalyzer
{
    /// <summary>Box mode: share of pixels within ± <paramref name="tolerance"/> of <paramref name="expectedRgb"/>.</summary>
    ColourVerdict MatchBox(Mat crop, int[] expectedRgb, int tolerance, double minPixelPercentage);

    /// <summary>Ranges mode: share of pixels per range name (union of that name's ranges); the best name wins.</summary>
    ColourVerdict MatchRanges(Mat crop, IReadOnlyList<ColorRange> ranges);
}
