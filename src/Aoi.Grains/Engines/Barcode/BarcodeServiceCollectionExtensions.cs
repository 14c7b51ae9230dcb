using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Engines.Barcode;

public static class BarcodeServiceCollectionExtensions
{
    /// <summary>Registers the Barcode engine and its evaluator as silo singletons; formats from "Aoi:Barcode".</summary>
    public static IServiceCollection AddBarcodeEngine(this IServiceCollection services)
    {
        services.AddOptions<BarcodeOptions>()
            .Configure<IConfiguration>(ReplaceFormatsFromConfiguration)
            .Validate(HasKnownFormats, $"{BarcodeOptions.SectionName}:Formats must name ZXing formats (e.g. CODE_128)")
            .ValidateOnStart();
        services.AddSingleton<IBarcodeReader, ZXingBarcodeReader>();
        services.AddSingleton<OrientedBarcodeScanner>();
        return services.AddSingleton<IRoiEvaluator, BarcodeEvaluator>();
    }

    // The configuration binder appends configured array items to a non-empty default array, so a configured list
    // replaces the default explicitly instead.
    private static void ReplaceFormatsFromConfiguration(BarcodeOptions options, IConfiguration configuration)
    {
        var formats = configuration.GetSection($"{BarcodeOptions.SectionName}:Formats").Get<string[]>();
        if (formats is { Length: > 0 })
        {
            options.Formats = formats;
        }
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
