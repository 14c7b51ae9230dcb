namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Identity of cached golden features (spec 4.5): the file as it was when listed (full path, size, last-write ticks),
/// the size it was resized to and the method that extracted them.
/// </summary>
public readonly record struct GoldenFeatureKey(
    string FullPath,
    long Size,
    long LastWriteTicks,
    int TargetWidth,
    int TargetHeight,
    string Method);
