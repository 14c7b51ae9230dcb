using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines.Compare;

public static class CompareServiceCollectionExtensions
{
    /// <summary>Registers the Compare engine and its evaluator as a silo singleton.</summary>
    public static IServiceCollection AddCompareEngine(this IServiceCollection services) =>
        services.AddSingleton<IRoiEvaluator, CompareEvaluator>();
}
