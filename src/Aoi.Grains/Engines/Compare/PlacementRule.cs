namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// The placement verdict over a ROI's library: a part is displaced when it is displaced from the reference golden (the
/// first in library order, best_golden.jpg) and from most of the library's goldens. Both, because real libraries hold
/// captures whose own positions vary: an alternative can lie halfway to a displaced part, and the reference can itself
/// be the off-centre capture (then the part sits where most captures do, and that is not a defect the library can show).
/// </summary>
public static class PlacementRule
{
    /// <param name="displacedFrom">Whether the part is displaced from the i-th golden in library order (null: unreadable,
    /// takes no vote); asked for the others only when the reference says displaced.</param>
    public static bool IsDisplaced(int count, Func<int, bool?> displacedFrom)
    {
        if (count == 0 || displacedFrom(0) != true)
        {
            return false;
        }

        var (displaced, voters) = (1, 1);
        for (var i = 1; i < count; i++)
        {
            if (displacedFrom(i) is not { } verdict)
            {
                continue;
            }

            voters++;
            if (verdict)
            {
                displaced++;
            }
        }

        return 2 * displaced > voters;
    }

    /// <summary>Real captures of a part sit up to about this fraction of the ROI from one another (measured on the real
    /// libraries, <see cref="PlacementCheck"/>).</summary>
    public const double CaptureSpread = 0.15;

    /// <summary>
    /// Whether a position (as the reference sees it, fractions of the ROI) is more than <see cref="CaptureSpread"/> away
    /// on some axis from every position in <paramref name="library"/> (the goldens as the reference sees them, the
    /// reference itself included): a place the library has never shown the part at.
    /// </summary>
    public static bool AwayFromAll((double Dx, double Dy) position, IReadOnlyList<(double Dx, double Dy)> library) =>
        !library.Any(p => Math.Abs(p.Dx - position.Dx) <= CaptureSpread && Math.Abs(p.Dy - position.Dy) <= CaptureSpread);

    /// <param name="golden">The i-th golden in library order, fetched only when the verdict needs it (null: unreadable).</param>
    public static bool IsDisplaced(ILibrarySimilarity method, ImageFeatures crop, int count, Func<int, ImageFeatures?> golden) =>
        IsDisplaced(count, i => golden(i) is { } g ? method.IsDisplacedFrom(crop, g) : null);

    public static bool IsDisplaced(ILibrarySimilarity method, ImageFeatures crop, IReadOnlyList<ImageFeatures> goldens) =>
        IsDisplaced(method, crop, goldens.Count, i => goldens[i]);
}
