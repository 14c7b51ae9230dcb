namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// How much each place of a ROI may differ from the library before it counts (docs/compare-method.md, v3), learned at
/// teach time in the frame of the reference golden: the largest anomaly that the taught capture variation
/// (<see cref="CaptureVariation"/>) produces at that place, and what the library's own captures show when each is left
/// out in turn (all of them up to <see cref="RobustFrom"/> captures, the 80th percentile beyond, so one odd golden does
/// not open the whole ROI), widened by one cell, plus a floor and an extra allowance towards the ROI's edge, where a
/// shift brings board texture that no golden shows into view. A PaDiM-like per-position model, fitted from genuine
/// variation only.
/// </summary>
public sealed class ToleranceMap
{
    /// <summary>Allowance everywhere (cosine distance).</summary>
    public const float Floor = 0.05f;

    /// <summary>Extra allowance at the ROI's edge, ramping in over <see cref="EdgeBand"/> of each side.</summary>
    public const float EdgeAllowance = 0.15f;

    public const double EdgeBand = 0.15;

    /// <summary>From this many leave-one-out maps on, a place takes their 80th percentile instead of their maximum.</summary>
    public const int RobustFrom = 5;

    private const double LeaveOneOutQuantile = 0.8;

    private readonly float[] _values;

    private ToleranceMap(int width, int height, float[] values) => (Width, Height, _values) = (width, height, values);

    public int Width { get; }

    public int Height { get; }

    /// <summary>The allowance added at every place after the fit (<see cref="HeldOutCalibration"/>); 0 when none was.</summary>
    public float Lift { get; private init; }

    /// <summary>The same map with <paramref name="lift"/> more allowance at every place.</summary>
    public ToleranceMap Lifted(float lift) => new(Width, Height, _values.Select(v => v + lift).ToArray()) { Lift = Lift + lift };

    /// <summary>Every place's allowance, row-major (what a stored model keeps).</summary>
    internal ReadOnlySpan<float> Values => _values;

    /// <summary>A map read back from a stored model: exactly the allowances and lift it was saved with.</summary>
    internal static ToleranceMap Restore(int width, int height, float[] values, float lift) =>
        values.Length == width * height
            ? new ToleranceMap(width, height, values) { Lift = lift }
            : throw new InvalidDataException($"tolerance map of {values.Length} values for a {width}x{height} grid");

    /// <summary>The allowance at reference cell (x, y), clamped into the grid.</summary>
    public float At(int x, int y) => _values[Math.Clamp(y, 0, Height - 1) * Width + Math.Clamp(x, 0, Width - 1)];

    /// <param name="variation">Anomaly maps of taught variants with each one's offset to the reference, in cells.</param>
    /// <param name="leaveOneOut">Anomaly maps of goldens scored against the others, with offsets.</param>
    public static ToleranceMap Fit(int width, int height, IReadOnlyList<(float[] Map, (int X, int Y) Offset)> variation,
        IReadOnlyList<(float[] Map, (int X, int Y) Offset)> leaveOneOut)
    {
        var learned = new float[width * height];
        foreach (var (map, offset) in variation)
        {
            Accumulate(learned, ToReference(map, offset, width, height), Math.Max);
        }

        if (leaveOneOut.Count > 0)
        {
            var placed = leaveOneOut.Select(s => ToReference(s.Map, s.Offset, width, height)).ToList();
            var column = new float[placed.Count];
            for (var p = 0; p < learned.Length; p++)
            {
                for (var i = 0; i < placed.Count; i++)
                {
                    column[i] = placed[i][p];
                }

                learned[p] = Math.Max(learned[p], placed.Count < RobustFrom ? column.Max() : Quantile(column, LeaveOneOutQuantile));
            }
        }

        var values = new float[learned.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var widest = 0f;
                for (var ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
                {
                    for (var nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                    {
                        widest = Math.Max(widest, learned[ny * width + nx]);
                    }
                }

                values[y * width + x] = widest + Floor + EdgeAllowance * EdgeWeight(x, y, width, height);
            }
        }

        return new ToleranceMap(width, height, values);
    }

    /// <summary>1 at the outermost cells, 0 from <see cref="EdgeBand"/> of a side inwards.</summary>
    private static float EdgeWeight(int x, int y, int width, int height)
    {
        var toX = Math.Min(x + 0.5, width - x - 0.5) / (width * EdgeBand);
        var toY = Math.Min(y + 0.5, height - y - 0.5) / (height * EdgeBand);
        return (float)Math.Clamp(1 - Math.Min(toX, toY), 0, 1);
    }

    /// <summary>A map of an image (cell p of the image sits at p + offset of the reference) in reference cells; places it
    /// does not reach, and cells it did not judge, count as 0.</summary>
    private static float[] ToReference(float[] map, (int X, int Y) offset, int width, int height)
    {
        var placed = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var ry = y + offset.Y;
            if (ry < 0 || ry >= height)
            {
                continue;
            }

            for (var x = 0; x < width; x++)
            {
                var rx = x + offset.X;
                var v = map[y * width + x];
                if (rx >= 0 && rx < width && !float.IsNaN(v))
                {
                    placed[ry * width + rx] = v;
                }
            }
        }

        return placed;
    }

    private static void Accumulate(float[] into, float[] values, Func<float, float, float> combine)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = combine(into[i], values[i]);
        }
    }

    /// <summary>Linear-interpolated quantile (numpy's default), deterministic.</summary>
    internal static float Quantile(float[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Length - 1, lower + 1);
        return (float)(sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]));
    }
}
