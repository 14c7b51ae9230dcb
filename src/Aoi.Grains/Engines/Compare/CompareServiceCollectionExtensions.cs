using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Patches;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Engines.Compare;

public static class CompareServiceCollectionExtensions
{
    /// <summary>
    /// Registers the compare engine as silo singletons: the deep judge (patch-library method v3 on the ResNet-18 cut
    /// after stage 3, one ONNX session per model per process), the classical judge, the earlier deep methods for
    /// side-by-side measurement (sharing the full ResNet-18 session), the ROI model cache and promotion through the
    /// golden library grain (needs the silo's IGrainFactory; non-Orleans hosts register <see cref="DirectGoldenPromoter"/> first).
    /// </summary>
    public static IServiceCollection AddCompareEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => new ResNet18Model(ResNet18Model.DefaultFolder));
        services.TryAddSingleton(sp => new ResNet18Backbone(ResNet18Model.DefaultFolder,
            Setting(sp) == BackbonePrecision.Int8 ? BackbonePrecision.Int8 : BackbonePrecision.Float32));
        services.TryAddSingleton(sp => new ScreeningBackbone(Setting(sp) == BackbonePrecision.Int8Screening
            ? new ResNet18Backbone(ResNet18Model.DefaultFolder, BackbonePrecision.Int8)
            : null));
        services.TryAddSingleton<PatchFeatureExtractor>();
        services.TryAddSingleton(sp => new PatchLibraryJudge(sp.GetRequiredService<PatchFeatureExtractor>(),
            sp.GetRequiredService<ScreeningBackbone>().Backbone is { } screening ? new PatchFeatureExtractor(screening) : null));
        services.TryAddSingleton<AlignedSpatialSimilarity>();
        services.TryAddSingleton<DeepPooledSimilarity>();
        services.TryAddSingleton<OpponentSiftSimilarity>();
        services.TryAddSingleton(sp => new CompareMethodSelector(
            sp.GetRequiredService<PatchLibraryJudge>(),
            new PairwiseLibraryJudge(sp.GetRequiredService<OpponentSiftSimilarity>()),
            sp.GetRequiredService<IOptions<AoiOptions>>(),
            [
                new PairwiseLibraryJudge(sp.GetRequiredService<AlignedSpatialSimilarity>()),
                new PairwiseLibraryJudge(sp.GetRequiredService<DeepPooledSimilarity>()),
            ]));
        services.TryAddSingleton(_ => new LibraryModelCache());
        services.TryAddSingleton<CompareModels>();
        services.TryAddSingleton<IGoldenPromoter, GrainGoldenPromoter>();
        services.TryAddSingleton<CompareEvaluator>();
        // The review loop's regression checks judge what-if libraries with this very engine.
        services.TryAddSingleton<Review.IProposedLibraryJudge, CompareProposedLibraryJudge>();
        return services.AddSingleton<IRoiEvaluator>(sp => sp.GetRequiredService<CompareEvaluator>());
    }

    private static BackbonePrecision Setting(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AoiOptions>>().Value.CompareBackbone;

    /// <summary>
    /// Keeps the compare models a silo builds on disk under &lt;DataRoot&gt;/compare-models (<see cref="LibraryModelStore"/>),
    /// so a restarted silo reads them instead of building them; needs <see cref="AoiPaths"/>. Without it (tests, tools)
    /// models live in the cache only.
    /// </summary>
    public static IServiceCollection AddCompareModelStore(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new LibraryModelStore(
            Path.Combine(sp.GetRequiredService<AoiPaths>().DataRoot, LibraryModelStore.FolderName),
            LibraryModelStore.BuildOf(typeof(PatchLibraryJudge).Assembly, sp.GetRequiredService<ResNet18Backbone>().Variant,
                sp.GetRequiredService<ResNet18Backbone>().NetPath),
            sp.GetRequiredService<ILogger<LibraryModelStore>>()));
        return services;
    }
}
