using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines.Barcode;

public static class BarcodeServiceCollectionExtensions
{
    /// <summary>Registers the Barcode engine and its evaluator as silo singletons; formats from "Aoi:Barcode".</summary>
    public static IServiceCollection AddBarcodeEngine(this IServiceCollection services)
    {
        services.AddOptions<BarcodeOptions>()
            .BindConfiguration(BarcodeOptions.SectionName)
            .Validate(HasKnownFormats, $"{BarcodeOptions.SectionName}:Formats must name ZXing formats (e.g. CODE_128)")
            .ValidateOnStart();
        services.AddSingleton<IBarcodeReader, ZXingBarcodeReader>();
        services.AddSingleton<OrientedBarcodeScanner>();
        return services.AddSingleton<IRoiEvaluator, BarcodeEvaluator>();
    }

    private static bool HasKnownFormats(BarcodeOptions options)
    {
        try
        {
            options.ParseFormats();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
