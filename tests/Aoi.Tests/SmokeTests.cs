namespace Aoi.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void OverallResultCountsPassAndFail()
    {
        var roi = new RoiDefinition(1, 2, new RoiRect(0, 0, 10, 10), 305, 3000, 0.9, "mobilenet", 0, 1, null, null,
            null, null, 10, 5.0, null, true, null);
        var failed = RoiResult.Failed(roi, "x");
        var overall = OverallResult.Of([failed]);
        Assert.False(overall.Passed);
        Assert.Equal(1, overall.FailedRois);
        Assert.Equal("compare", failed.RoiTypeName);
    }
}
