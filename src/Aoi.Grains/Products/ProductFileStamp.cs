namespace Aoi.Grains.Products;

/// <summary>
/// Cheap identity of what a snapshot was built from (size + last write of the configuration and colour files), so a
/// caller can keep a snapshot until either file changes on disk.
/// </summary>
public readonly record struct ProductFileStamp(long ConfigLength, long ConfigTicks, long ColorsLength, long ColorsTicks)
{
    public static ProductFileStamp? Of(string configFile, string colorsFile)
    {
        var config = new FileInfo(configFile);
        if (!config.Exists)
        {
            return null;
        }

        var colors = new FileInfo(colorsFile);
        return new ProductFileStamp(
            config.Length, config.LastWriteTimeUtc.Ticks,
            colors.Exists ? colors.Length : -1, colors.Exists ? colors.LastWriteTimeUtc.Ticks : 0);
    }
}
