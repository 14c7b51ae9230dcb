using Aoi.Grains.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aoi.Grains.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>
    /// The review loop's silo side: regression samples, the regression guard every golden change runs, and the
    /// confirmed-sample report. The judge itself comes with the compare engine (<see cref="ILibraryJudge"/>).
    /// </summary>
    public static IServiceCollection AddAoiReviewGuard(this IServiceCollection services)
    {
        services.AddAoiHistoryQueries();
        services.TryAddSingleton<RegressionSamples>();
        services.TryAddSingleton<RegressionGuard>();
        services.TryAddSingleton<ConfirmedSamplesEvaluator>();
        return services;
    }

    /// <summary>
    /// The verdicts' side, for the host that answers the review endpoints: the service, its options (Aoi:Review) and
    /// the verdict sink (none by default; register an <see cref="IReviewVerdictSink"/> before or after to replace it).
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
