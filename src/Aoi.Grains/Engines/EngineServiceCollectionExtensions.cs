using Aoi.Grains.Engines.Barcode;
using Aoi.Grains.Engines.Colour;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Ocr;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines;

public static class EngineServiceCollectionExtensions
{
    /// <summary>All ROI evaluators, one per type, as silo singletons (engines load once per process), with the compare
    /// models kept on disk under the silo's data root.</summary>
    public static IServiceCollection AddAoiEngines(this IServiceCollection services) =>
        services.AddBarcodeEngine().AddColourEngine().AddCompareEngine().AddCompareModelStore().AddOcrEngine();
}
