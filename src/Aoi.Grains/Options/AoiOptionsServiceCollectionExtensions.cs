using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Options;

public static class AoiOptionsServiceCollectionExtensions
{
    /// <summary>The "Aoi" settings and the paths derived from them, validated when the host starts (naming the bad key).</summary>
    public static IServiceCollection AddAoiOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<AoiOptions>)))
        {
            return services;
        }

        services.AddOptions<AoiOptions>().Bind(configuration.GetSection(AoiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AoiOptions>, AoiOptionsValidator>();
        services.TryAddSingleton<AoiPaths>();
        return services;
    }
}
