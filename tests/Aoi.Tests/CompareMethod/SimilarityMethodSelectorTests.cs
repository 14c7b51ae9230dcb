using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.CompareMethod;

public sealed class SimilarityMethodSelectorTests
{
    [Fact]
    public void TheRegisteredEngineRoutesDeepNamesToTheAlignedSpatialMethodAndKeepsTheBaseline()
    {
        var services = new ServiceCollection();
        services.AddOptions<AoiOptions>();
        services.AddSingleton<Aoi.Grains.Golden.IGoldenPromoter, NoPromotion>();
        services.AddCompareEngine();
        using var provider = services.BuildServiceProvider();
        var selector = provider.GetRequiredService<SimilarityMethodSelector>();

        Assert.IsType<AlignedSpatialSimilarity>(selector.For("mobilenet"));
        Assert.IsType<AlignedSpatialSimilarity>(selector.For(" ResNet18 "));
        Assert.IsType<OpponentSiftSimilarity>(selector.For("sift"));
        Assert.IsType<OpponentSiftSimilarity>(selector.For(null));
        Assert.IsType<DeepPooledSimilarity>(selector.Baseline);
        Assert.Same(selector.Baseline, selector.ByName("resnet18-pooled-cosine"));
        Assert.Same(selector.Deep, selector.ByName("resnet18-aligned-spatial-v2"));
        Assert.Null(selector.ByName("nothing"));
        Assert.Same(provider.GetRequiredService<ResNet18Model>(), provider.GetRequiredService<ResNet18Model>());
    }

    private sealed class NoPromotion : Aoi.Grains.Golden.IGoldenPromoter
    {
        public Task<bool> PromoteMatchAsync(string productName, int roiIdx, string candidateName, string candidateStamp, string? bestStamp) =>
            Task.FromResult(false);
    }
}
