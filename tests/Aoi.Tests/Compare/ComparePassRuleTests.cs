using Aoi.Grains.Engines.Compare;

namespace Aoi.Tests.Compare;

public sealed class ComparePassRuleTests
{
    [Theory]
    [InlineData(0.98, 0.95, true, "Match")]
    [InlineData(0.92, 0.95, false, "Different")]
    [InlineData(0.95, 0.95, true, "Match")]
    [InlineData(0.80, 0.90, false, "Different")]
    [InlineData(0.95 - 1e-9, 0.95, false, "Different")]
    public void Case22PassRuleHasNoEpsilon(double similarity, double threshold, bool passed, string matchResult)
    {
        var outcome = ComparePassRule.Outcome(similarity, threshold);
        Assert.Equal(passed, ComparePassRule.Passes(similarity, threshold));
        Assert.Equal(matchResult, outcome.MatchResult);
        Assert.Equal(similarity, outcome.AiSimilarity);
        Assert.Equal(threshold, outcome.Threshold);
    }
}
