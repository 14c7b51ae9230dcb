using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines.Barcode;

public static class BarcodeServiceCollectionExtensions
{
    /// <summary>Registers the Barcode engine and its evaluator as a silo singleton.</summary>
    public static IServiceCollection AddBarcodeEngine(this IServiceCollection services) =>
        services.AddSingleton<IRoiEvaluator, BarcodeEvaluator>();
}
