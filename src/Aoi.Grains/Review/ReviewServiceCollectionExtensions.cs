using Aoi.Grains.History;
using Aoi.Grains.Inspection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aoi.Grains.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>
    /// The review loop's silo side: regression samples, the regression guard every golden change runs (the product and
    /// golden grains need it), and the confirmed-sample report. The judge itself comes with the compare engine
    /// (<see cref="IProposedLibraryJudge"/>). TryAdd throughout, so any host may call it.
    /// </summary>
    public static IServiceCollection AddAoiReviewGuard(this IServiceCollection services)
    {
        services.AddAoiHistoryQueries();
        // The guard reads the ROI definitions from the product grain unless a host or test supplies its own source.
        services.TryAddSingleton<IProductSnapshotSource, GrainProductSnapshotSource>();
        services.TryAddSingleton<RegressionSamples>();
        services.TryAddSingleton<RegressionGuard>();
        services.TryAddSingleton<ConfirmedSamplesEvaluator>();
        return services;
    }

    /// <summary>
    /// The verdicts' side, for the host that answers the review endpoints: the service, its options (Aoi:Review) and
    /// the verdict sink (none by default: register an <see cref="IReviewVerdictSink"/> first, or replace it).
    /// </summary>
    public static IServiceCollection AddAoiReviewVerdicts(this IServiceCollection services)
    {
        services.AddAoiHistoryQueries();
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton<IReviewVerdictSink, NoReviewVerdictSink>();
        services.TryAddSingleton<ReviewService>();
        return services;
    }
}
