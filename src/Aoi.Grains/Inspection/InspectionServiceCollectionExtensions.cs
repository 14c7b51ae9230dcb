using Aoi.Grains.History;
using Aoi.Grains.Imaging;
using Aoi.Grains.Linking;
using Aoi.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aoi.Grains.Inspection;

public static class InspectionServiceCollectionExtensions
{
    /// <summary>
    /// The inspection pipeline as silo singletons: decoding and its gate, the ROI processor and its silo-wide
    /// concurrency gate, result assembly and the product snapshot source. TryAdd, so a host or a test can replace
    /// any of them (e.g. the snapshot source) by registering it first.
    /// </summary>
    public static IServiceCollection AddAoiInspection(this IServiceCollection services)
    {
        services.AddOptions<ImagingOptions>().BindConfiguration(ImagingOptions.SectionName);
        services.TryAddSingleton<AoiPaths>();
        services.TryAddSingleton<FrameDecodeGate>();
        services.TryAddSingleton<ImageLoader>();
        services.TryAddSingleton<RoiOutputWriter>();
        services.TryAddSingleton<RoiProcessor>();
        services.TryAddSingleton<RoiConcurrencyGate>();
        services.TryAddSingleton<ProductWarmup>();
        services.TryAddSingleton<IBarcodeLinker, DisabledBarcodeLinker>();
        services.TryAddSingleton<InspectionResultAssembler>();
        services.TryAddSingleton<InspectionPipeline>();
        services.TryAddSingleton<IProductSnapshotSource, GrainProductSnapshotSource>();
        services.AddAoiHistoryRecording();
        return services;
    }
}
