namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// What a similarity method extracts from one image at comparison size. Immutable once built: instances are shared
/// through the golden feature cache by concurrent ROIs.
/// </summary>
public sealed class ImageFeatures(float[] vector)
{
    private readonly float[] _vector = vector;

    public ReadOnlySpan<float> Vector => _vector;
}
