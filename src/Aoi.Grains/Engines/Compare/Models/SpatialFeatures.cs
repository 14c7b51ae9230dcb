using System.Numerics.Tensors;

namespace Aoi.Grains.Engines.Compare.Models;

/// <summary>
/// A feature map laid out position-major (the channel vector of each position is contiguous) so positions can be
/// compared with plain dot products.
/// </summary>
public sealed class SpatialFeatures
{
    private readonly float[] _values;

    private SpatialFeatures(int channels, int height, int width, float[] values)
    {
        (Channels, Height, Width, _values) = (channels, height, width, values);
        Mean = new float[channels];
        for (var p = 0; p < height * width; p++)
        {
            TensorPrimitives.Add(Mean, At(p), Mean);
        }

        TensorPrimitives.Divide(Mean, height * width, Mean);
    }

    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>Mean channel vector over all positions (what the map looks like "on average").</summary>
    public float[] Mean { get; }

    public static SpatialFeatures From(FeatureMap map)
    {
        var (c, h, w) = (map.Channels, map.Height, map.Width);
        var values = new float[c * h * w];
        for (var k = 0; k < c; k++)
        {
            for (var p = 0; p < h * w; p++)
            {
                values[p * c + k] = map.Values[k * h * w + p];
            }
        }

        return new SpatialFeatures(c, h, w, values);
    }

    private ReadOnlySpan<float> At(int position) => _values.AsSpan(position * Channels, Channels);

    /// <summary>
    /// For every position p of this map (row-major grid), the best cosine with <paramref name="other"/> at
    /// p + offset ± radius (in cells), both vectors taken relative to <paramref name="centre"/> (zero vector = plain
    /// cosine). Centring on the reference's mean removes what every position of the part has in common, so the
    /// cosine measures what is specific to that place. NaN where the whole neighbourhood is outside the other map;
    /// 0 where a centred vector is zero.
    /// </summary>
    public float[] BestLocalCosinesGrid(SpatialFeatures other, int offsetX, int offsetY, int radius, float[] centre)
    {
        if (other.Channels != Channels || other.Height != Height || other.Width != Width || centre.Length != Channels)
        {
            throw new ArgumentException("feature maps differ in shape", nameof(other));
        }

        var mine = Centred(centre);
        var theirs = other.Centred(centre);
        var result = new float[Height * Width];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var p = y * Width + x;
                var a = mine.AsSpan(p * Channels, Channels);
                var best = float.NegativeInfinity;
                for (var ny = y + offsetY - radius; ny <= y + offsetY + radius; ny++)
                {
                    for (var nx = x + offsetX - radius; nx <= x + offsetX + radius; nx++)
                    {
                        if (ny < 0 || nx < 0 || ny >= Height || nx >= Width)
                        {
                            continue;
                        }

                        best = Math.Max(best, TensorPrimitives.Dot(a, theirs.AsSpan((ny * Width + nx) * Channels, Channels)));
                    }
                }

                result[p] = float.IsNegativeInfinity(best) ? float.NaN : best;
            }
        }

        return result;
    }

    /// <summary>Every position minus <paramref name="centre"/>, scaled to unit length (zero stays zero).</summary>
    private float[] Centred(float[] centre)
    {
        var centred = new float[_values.Length];
        for (var p = 0; p < Height * Width; p++)
        {
            var target = centred.AsSpan(p * Channels, Channels);
            TensorPrimitives.Subtract(At(p), centre, target);
            var norm = TensorPrimitives.Norm(target);
            if (norm > 0)
            {
                TensorPrimitives.Divide(target, norm, target);
            }
        }

        return centred;
    }
}
