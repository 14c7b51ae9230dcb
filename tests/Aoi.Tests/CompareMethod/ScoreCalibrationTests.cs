using Aoi.Grains.Engines.Compare;

namespace Aoi.Tests.CompareMethod;

public sealed class ScoreCalibrationTests
{
    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(1.5, 1.0)]
    [InlineData(ScoreCalibration.GenuineRaw, ScoreCalibration.GenuineSimilarity)]
    [InlineData(ScoreCalibration.DefectRaw, ScoreCalibration.DefectSimilarity)]
    [InlineData(0.0, 0.0)]
    [InlineData(-0.3, 0.0)]
    [InlineData(double.NaN, 0.0)]
    public void KnotsMapAsDocumented(double raw, double similarity)
    {
        Assert.Equal(similarity, ScoreCalibration.ToSimilarity(raw), 12);
    }

    [Fact]
    public void TheMapIsMonotoneAndContinuous()
    {
        var previous = ScoreCalibration.ToSimilarity(0);
        for (var raw = 0.001; raw <= 1.0; raw += 0.001)
        {
            var current = ScoreCalibration.ToSimilarity(raw);
            Assert.True(current >= previous, $"not monotone at {raw}");
            Assert.True(current - previous < 0.01, $"jump at {raw}");
            previous = current;
        }
    }
}
