using Aoi.Grains.Engines.Compare;

namespace Aoi.Tests.Compare;

public sealed class CosineSimilarityTests
{
    [Theory]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { 1, 2, 3 }, 1.0)]
    [InlineData(new float[] { 1, 0 }, new float[] { 0, 1 }, 0.0)]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { -1, -2, -3 }, -1.0)]
    [InlineData(new float[] { 0, 0, 0 }, new float[] { 1, 2, 3 }, 0.0)]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { 0, 0, 0 }, 0.0)]
    [InlineData(new float[] { }, new float[] { }, 0.0)]
    [InlineData(new float[] { 1, 0 }, new float[] { 1, 0, 0 }, 1.0)]
    [InlineData(new float[] { 1, 0, 0 }, new float[] { 1, 0 }, 1.0)]
    public void Case23CosineRules(float[] a, float[] b, double expected) =>
        Assert.Equal(expected, CosineSimilarity.Compute(a, b), 12);

    [Fact]
    public void ShorterVectorIsZeroPaddedNotTruncated()
    {
        // Truncating [1,1] to the common length would give 1.0; padding keeps the second component's weight.
        Assert.Equal(1 / Math.Sqrt(2), CosineSimilarity.Compute([1f], [1f, 1f]), 12);
    }

    [Fact]
    public void IdenticalVectorsNeverExceedOne()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var v = Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble() * 10f).ToArray();
            Assert.True(CosineSimilarity.Compute(v, v) <= 1.0);
        }
    }
}
