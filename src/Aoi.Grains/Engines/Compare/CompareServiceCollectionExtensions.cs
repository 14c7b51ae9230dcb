using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Engines.Compare;

public static class CompareServiceCollectionExtensions
{
    /// <summary>
    /// Registers the compare engine as silo singletons: one deep model (one ONNX session per model per process) shared
    /// by the aligned-spatial deep method and the pooled-cosine baseline, the classical method, the golden feature cache and promotion through the golden library grain (needs the silo's
    /// IGrainFactory; non-Orleans hosts register <see cref="DirectGoldenPromoter"/> first).
    /// </summary>
    public static IServiceCollection AddCompareEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => new ResNet18Model(ResNet18Model.DefaultFolder));
        services.TryAddSingleton<AlignedSpatialSimilarity>();
        services.TryAddSingleton<DeepPooledSimilarity>();
        services.TryAddSingleton<OpponentSiftSimilarity>();
        services.TryAddSingleton(sp => new SimilarityMethodSelector(
            sp.GetRequiredService<AlignedSpatialSimilarity>(),
            sp.GetRequiredService<OpponentSiftSimilarity>(),
            sp.GetRequiredService<IOptions<AoiOptions>>(),
            sp.GetRequiredService<DeepPooledSimilarity>()));
        services.TryAddSingleton(_ => new GoldenFeatureCache());
        services.TryAddSingleton<IGoldenPromoter, GrainGoldenPromoter>();
        services.TryAddSingleton<CompareEvaluator>();
        // The review loop's regression checks judge what-if libraries with this very engine.
        services.TryAddSingleton<ILibraryJudge, CompareLibraryJudge>();
        return services.AddSingleton<IRoiEvaluator>(sp => sp.GetRequiredService<CompareEvaluator>());
    }
}
