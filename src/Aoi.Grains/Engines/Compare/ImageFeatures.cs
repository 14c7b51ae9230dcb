namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// What a similarity method extracts from one image at comparison size. Immutable once built: instances are shared
/// through the golden feature cache by concurrent ROIs. <see cref="Detail"/> carries what a pair-wise method needs
/// beyond one vector (e.g. aligned images and spatial maps); only the method that made it reads it.
/// </summary>
public sealed class ImageFeatures(float[] vector, object? detail = null)
{
    private readonly float[] _vector = vector;

    public ReadOnlySpan<float> Vector => _vector;

    public object? Detail { get; } = detail;
}
