using Aoi.Grains.History;
using Aoi.Grains.Imaging;
using Aoi.Grains.Linking;
using Aoi.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Metadata;

namespace Aoi.Grains.Inspection;

public static class InspectionServiceCollectionExtensions
{
    /// <summary>
    /// What a silo's sessions and ROI workers use, as silo singletons: reading pictures and cutting crops, the ROI
    /// processor, result assembly, the product snapshot source, the warm-up, and the ROI worker pool size. TryAdd, so
    /// a host or a test can replace any of them (e.g. the frame cropper) by registering it first.
    /// </summary>
    public static IServiceCollection AddAoiInspection(this IServiceCollection services)
    {
        services.AddOptions<ImagingOptions>().BindConfiguration(ImagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddAoiInspectionOptions();
        services.TryAddSingleton<AoiPaths>();
        services.TryAddSingleton<FrameDecodeGate>();
        services.TryAddSingleton<ImageLoader>();
        services.TryAddSingleton<IRoiCropSource, FrameCropper>();
        services.TryAddSingleton<InspectionPreparation>();
        services.TryAddSingleton<RoiOutputWriter>();
        services.TryAddSingleton<RoiProcessor>();
        services.TryAddSingleton<ProductWarmup>();
        services.TryAddSingleton<InspectionRehearsal>();
        services.TryAddSingleton<LiveInspections>();
        services.TryAddSingleton<IBarcodeLinker, DisabledBarcodeLinker>();
        services.TryAddSingleton<InspectionResultAssembler>();
        services.TryAddSingleton<IProductSnapshotSource, GrainProductSnapshotSource>();
        // After Orleans' own property providers (added when the silo builder was created), so it overrides the attribute.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrainPropertiesProvider, RoiWorkerPoolSize>());
        services.AddAoiHistoryRecording();
        return services;
    }

    /// <summary>The inspection budget, validated at start; the front end needs it too (its own wait is longer).</summary>
    public static IServiceCollection AddAoiInspectionOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<InspectionOptions>)))
        {
            return services;
        }

        services.AddOptions<InspectionOptions>().BindConfiguration(InspectionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<InspectionOptions>, InspectionOptionsValidator>();
        return services;
    }
}
