namespace Aoi.Grains.Engines.Compare.Models;

/// <summary>One activation tensor of batch 1, channel-major: value of channel c at (y, x) is Values[(c·Height + y)·Width + x].</summary>
public sealed record FeatureMap(int Channels, int Height, int Width, float[] Values);
