using Aoi.Grains.Options;

namespace Aoi.Grains.Storage;

/// <summary>Stamp of everything a product snapshot is built from: the ROI configuration and the colour file.</summary>
public readonly record struct ProductFilesStamp(FileStamp Config, FileStamp Colors)
{
    public static ProductFilesStamp Of(AoiPaths paths, string product) =>
        new(FileStamp.Of(paths.ConfigFile(product)), FileStamp.Of(paths.ColorsFile(product)));
}
