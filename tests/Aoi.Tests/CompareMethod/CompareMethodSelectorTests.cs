using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Patches;
using Aoi.Grains.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.CompareMethod;

public sealed class CompareMethodSelectorTests
{
    [Fact]
    public void TheRegisteredEngineRoutesDeepNamesToThePatchLibraryMethodAndKeepsTheEarlierOnes()
    {
        var services = new ServiceCollection();
        services.AddOptions<AoiOptions>();
        services.AddLogging();
        services.AddSingleton<Aoi.Grains.Golden.IGoldenPromoter, NoPromotion>();
        services.AddCompareEngine();
        using var provider = services.BuildServiceProvider();
        var selector = provider.GetRequiredService<CompareMethodSelector>();

        Assert.IsType<PatchLibraryJudge>(selector.For("mobilenet"));
        Assert.IsType<PatchLibraryJudge>(selector.For(" ResNet18 "));
        Assert.IsType<OpponentSiftSimilarity>(Assert.IsType<PairwiseLibraryJudge>(selector.For("sift")).Method);
        Assert.Same(selector.Classical, selector.For(null));
        Assert.IsType<DeepPooledSimilarity>(Assert.IsType<PairwiseLibraryJudge>(selector.Baseline).Method);
        Assert.Same(selector.Baseline, selector.ByName("resnet18-pooled-cosine"));
        Assert.IsType<AlignedSpatialSimilarity>(Assert.IsType<PairwiseLibraryJudge>(selector.ByName("resnet18-aligned-spatial-v2")).Method);
        Assert.Same(selector.Deep, selector.ByName(PatchLibraryJudge.MethodName));
        Assert.Null(selector.ByName("nothing"));
        Assert.Same(provider.GetRequiredService<ResNet18Model>(), provider.GetRequiredService<ResNet18Model>());
    }

    private sealed class NoPromotion : Aoi.Grains.Golden.IGoldenPromoter
    {
        public Task<bool> PromoteMatchAsync(string productName, int roiIdx, string candidateName, string candidateStamp, string? bestStamp) =>
            Task.FromResult(false);
    }
}
