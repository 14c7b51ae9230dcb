using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines.Ocr;

public static class OcrServiceCollectionExtensions
{
    /// <summary>Registers the OCR evaluator (unavailable until the OCR engine lands).</summary>
    public static IServiceCollection AddOcrEngine(this IServiceCollection services) =>
        services.AddSingleton<IRoiEvaluator, OcrUnavailableEvaluator>();
}
