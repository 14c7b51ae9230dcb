using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines.Colour;

public static class ColourServiceCollectionExtensions
{
    /// <summary>Registers the Colour engine and its evaluator as silo singletons.</summary>
    public static IServiceCollection AddColourEngine(this IServiceCollection services) =>
        services.AddSingleton<IColourAnalyzer, ColourAnalyzer>().AddSingleton<IRoiEvaluator, ColourEvaluator>();
}
