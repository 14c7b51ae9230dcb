namespace Aoi.Grains.Engines.Compare.Models;

/// <summary>
/// A feature map laid out position-major with each position's channel vector scaled to unit length, so the cosine of
/// two positions is a plain dot product. A position whose activations are all zero stays a zero vector.
/// </summary>
public sealed class SpatialFeatures
{
    private readonly float[] _unit;

    private SpatialFeatures(int channels, int height, int width, float[] unit)
    {
        (Channels, Height, Width, _unit) = (channels, height, width, unit);
    }

    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }

    public static SpatialFeatures From(FeatureMap map)
    {
        var (c, h, w) = (map.Channels, map.Height, map.Width);
        var unit = new float[c * h * w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var at = (y * w + x) * c;
                double norm = 0;
                for (var k = 0; k < c; k++)
                {
                    var v = map.Values[(k * h + y) * w + x];
                    unit[at + k] = v;
                    norm += (double)v * v;
                }

                if (norm > 0)
                {
                    var scale = (float)(1.0 / Math.Sqrt(norm));
                    for (var k = 0; k < c; k++)
                    {
                        unit[at + k] *= scale;
                    }
                }
            }
        }

        return new SpatialFeatures(c, h, w, unit);
    }

    public ReadOnlySpan<float> At(int y, int x) => _unit.AsSpan((y * Width + x) * Channels, Channels);

    /// <summary>
    /// For every position p of this map (row-major grid), the best cosine with <paramref name="other"/> at
    /// p + offset ± radius (in cells); NaN where the whole neighbourhood falls outside the other map.
    /// </summary>
    public float[] BestLocalCosinesGrid(SpatialFeatures other, int offsetX, int offsetY, int radius)
    {
        if (other.Channels != Channels || other.Height != Height || other.Width != Width)
        {
            throw new ArgumentException("feature maps differ in shape", nameof(other));
        }

        var result = new float[Height * Width];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var mine = At(y, x);
                var best = float.NegativeInfinity;
                for (var ny = y + offsetY - radius; ny <= y + offsetY + radius; ny++)
                {
                    for (var nx = x + offsetX - radius; nx <= x + offsetX + radius; nx++)
                    {
                        if (ny < 0 || nx < 0 || ny >= Height || nx >= Width)
                        {
                            continue;
                        }

                        var dot = System.Numerics.Tensors.TensorPrimitives.Dot(mine, other.At(ny, nx));
                        best = Math.Max(best, dot);
                    }
                }

                result[y * Width + x] = float.IsNegativeInfinity(best) ? float.NaN : best;
            }
        }

        return result;
    }
}
