using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Linking;

public static class LinkingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LinkingOptions"/> from "Aoi:Linking" and registers the one <see cref="IBarcodeLinker"/>: the HTTP
    /// client when linking is enabled, else the disabled linker. Replaces any linker registered before.
    /// </summary>
    public static IServiceCollection AddBarcodeLinking(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LinkingOptions.SectionName);
        services.AddOptions<LinkingOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinkingOptions>, LinkingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The choice is made from configuration at registration time: the host's configuration is final by then.
        var enabled = (section.Get<LinkingOptions>() ?? new LinkingOptions()).IsEnabled;
        services.RemoveAll<IBarcodeLinker>();
        if (enabled)
        {
            services.AddSingleton<IBarcodeLinker, HttpBarcodeLinker>();
        }
        else
        {
            services.AddSingleton<IBarcodeLinker, DisabledBarcodeLinker>();
        }

        return services;
    }
}
