using Aoi.Grains.Engines.Compare.Patches;

namespace Aoi.Tests.CompareMethod;

/// <summary>The jackknife lift of the tolerance map: a capture like the library's own held-out goldens passes, a clearly
/// larger difference still fails, and a library whose captures agree is not opened.</summary>
public sealed class HeldOutCalibrationTests
{
    private const int Width = 15;
    private const int Height = 8;
    private const float Background = 0.1f;

    // Interior places of 2×2 blocks, a cell apart so the fit's one-cell widening of one block does not reach another.
    private static readonly (int X, int Y)[] Places = [(2, 1), (5, 1), (8, 1), (11, 1), (2, 4), (5, 4), (8, 4), (11, 4)];

    [Fact]
    public void GoldensThatEachDifferSomewhereLiftTheMapSoANewSuchCapturePassesAndALargerDifferenceFails()
    {
        // Six captures, each unlike the others in one place of its own (a cable bent there): the 80th percentile per
        // place ignores every one of them, so a seventh capture that differs somewhere new exceeds the fitted map.
        var library = Places.Take(6).Select(p => (Map: Block(p, 0.6f), Offset: (0, 0))).ToList();
        var fitted = ToleranceMap.Fit(Width, Height, [], library);
        var newCapture = Block(Places[6], 0.55f);
        var defect = Block(Places[7], 0.95f);
        Assert.True(Judged(newCapture, fitted) > 0, "the fitted map alone fails the new capture");

        var lift = HeldOutCalibration.Lift(Width, Height, [], library, Statistic);
        var lifted = fitted.Lifted(lift);

        Assert.True(lift > 0.1f, $"lift {lift}");
        Assert.Equal(lift, lifted.Lift);
        Assert.True(Judged(newCapture, lifted) <= 0, $"new capture {Judged(newCapture, lifted):F3} after a lift of {lift:F3}");
        Assert.True(Judged(defect, lifted) > 0.05, $"defect {Judged(defect, lifted):F3} after a lift of {lift:F3}");
    }

    [Fact]
    public void ALibraryWhoseCapturesAgreeIsNotLifted()
    {
        var library = Enumerable.Range(0, 6).Select(_ => (Map: Flat(), Offset: (0, 0))).ToList();

        Assert.Equal(0f, HeldOutCalibration.Lift(Width, Height, [], library, Statistic));
        Assert.Equal(0f, HeldOutCalibration.Lift(Width, Height, [], library.Take(1).ToList(), Statistic));
    }

    private static double Statistic(float[] map, (int X, int Y) offset, ToleranceMap tolerance) =>
        PatchLibraryJudge.Statistic(map, offset, tolerance, 0).Statistic;

    private static double Judged(float[] map, ToleranceMap tolerance) => Statistic(map, (0, 0), tolerance);

    private static float[] Flat() => Enumerable.Repeat(Background, Width * Height).ToArray();

    private static float[] Block((int X, int Y) place, float value)
    {
        var map = Flat();
        for (var y = place.Y; y < place.Y + 2; y++)
        {
            for (var x = place.X; x < place.X + 2; x++)
            {
                map[y * Width + x] = value;
            }
        }

        return map;
    }
}
