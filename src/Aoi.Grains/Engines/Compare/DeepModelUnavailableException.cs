namespace Aoi.Grains.Engines.Compare;

/// <summary>The deep model could not be loaded; ROIs that need it fail (spec 3.1 step 7), never fall back.</summary>
public sealed class DeepModelUnavailableException(string reason, Exception? inner = null)
    : Exception($"deep model unavailable: {reason}", inner)
{
    public string Reason { get; } = reason;
}
