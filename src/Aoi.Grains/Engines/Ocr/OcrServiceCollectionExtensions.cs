using Aoi.Grains.Engines.Ocr.Paddle;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines.Ocr;

public static class OcrServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OCR evaluator over PP-OCRv4 models from &lt;app&gt;/models/ocr (copied there by the build).
    /// The engine loads when the provider is first resolved; a failure leaves OCR ROIs failing with the reason.
    /// </summary>
    public static IServiceCollection AddOcrEngine(this IServiceCollection services)
    {
        services.AddSingleton(_ => new OcrEngineProvider(() => PaddleOcrEngine.Load(PaddleOcrModelFiles.Default)));
        return services.AddSingleton<IRoiEvaluator, OcrEvaluator>();
    }
}
