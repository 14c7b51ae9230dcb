using System.Numerics.Tensors;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// The goldens of one ROI as a patch memory (PatchCore's nearest-neighbour idea, restricted in space): every cell of
/// a crop looks for its closest cell among the goldens, each golden searched only around the place where the crop's
/// content sits in that golden (global alignment first, then ±<see cref="WindowCells"/> cell). The result is an anomaly
/// map: per cell of the crop, the cosine distance to the best explanation any golden offers at that place. Cells whose
/// aligned place lies outside a golden are not judged by it, and cells no golden covers stay unjudged (NaN): content a
/// shift brings into view is unknown rather than anomalous; a part moved too far is the placement check's business.
/// Vectors are centred on the library's mean cell vector before the cosine, so what all cells share does not count.
/// </summary>
public sealed class PatchMemory
{
    /// <summary>Cells searched around the aligned place (local deformation: a bent cable, a screw a little off).</summary>
    public const int WindowCells = 1;

    /// <summary>Alignment searches the crop's interior (this fraction trimmed from each side) over ±this fraction.</summary>
    public const double AlignFraction = 0.2;

    /// <summary>Goldens consulted per crop: the ones whose pooled descriptor is nearest (bounds the cost on big libraries).</summary>
    public const int MaxNeighbours = 8;

    private readonly float[] _centre;
    private readonly Golden[] _goldens;

    public PatchMemory(IReadOnlyList<PatchFeatures> goldens)
    {
        if (goldens.Count == 0)
        {
            throw new ArgumentException("a patch memory needs at least one golden", nameof(goldens));
        }

        var first = goldens[0];
        if (goldens.Any(g => g.GridWidth != first.GridWidth || g.GridHeight != first.GridHeight || g.Channels != first.Channels))
        {
            throw new ArgumentException("goldens of one memory must share the working size", nameof(goldens));
        }

        (GridWidth, GridHeight, Channels) = (first.GridWidth, first.GridHeight, first.Channels);
        _centre = new float[Channels];
        foreach (var golden in goldens)
        {
            for (var p = 0; p < golden.CellCount; p++)
            {
                TensorPrimitives.Add(_centre, golden.Cell(p), _centre);
            }
        }

        TensorPrimitives.Divide(_centre, goldens.Count * first.CellCount, _centre);
        _goldens = goldens.Select(g => new Golden(g, Normalise(g))).ToArray();
    }

    /// <summary>A memory read back from a stored model: the centre and each golden's normalised cells exactly as they
    /// were, the goldens' features grey-only (<see cref="Compact"/>).</summary>
    internal PatchMemory(float[] centre, IReadOnlyList<(PatchFeatures Features, NormalisedCells Cells)> goldens)
    {
        if (goldens.Count == 0)
        {
            throw new ArgumentException("a patch memory needs at least one golden", nameof(goldens));
        }

        var first = goldens[0].Features;
        (GridWidth, GridHeight, Channels) = (first.GridWidth, first.GridHeight, first.Channels);
        if (centre.Length != Channels || goldens.Any(g => g.Features.GridWidth != GridWidth || g.Features.GridHeight != GridHeight ||
                g.Features.Channels != Channels || g.Cells.Values.Length != first.CellCount * Channels || g.Cells.Pooled.Length != Channels))
        {
            throw new ArgumentException("goldens of one memory must share the working size", nameof(goldens));
        }

        _centre = centre;
        _goldens = goldens.Select(g => new Golden(g.Features, g.Cells)).ToArray();
    }

    /// <summary>
    /// The same memory without the goldens' raw cell vectors, which only building needs (leave-one-out, taught
    /// variation): scoring uses the centre, the normalised cells and the grey copies. Halves what a model holds.
    /// </summary>
    internal PatchMemory Compact() => new(_centre, _goldens.Select(g => (g.Features.GreyOnly(), g.Cells)).ToList());

    /// <summary>The library's mean cell vector that every image is centred on before the cosine.</summary>
    internal ReadOnlySpan<float> Centre => _centre;

    /// <summary>Golden <paramref name="golden"/>'s centred, unit-length cells.</summary>
    internal NormalisedCells CellsOf(int golden) => _goldens[golden].Cells;

    /// <summary>Memory held: every golden's raw cells (none once compact), normalised cells and grey copy.</summary>
    internal long Bytes => _goldens.Sum(g => g.Features.Bytes + ((long)g.Cells.Values.Length + g.Cells.Pooled.Length) * sizeof(float));

    public int GridWidth { get; }

    public int GridHeight { get; }

    public int Channels { get; }

    public int Count => _goldens.Length;

    /// <summary>Golden <paramref name="golden"/>'s features: grid and grey copy, and its raw cells unless the memory is
    /// <see cref="Compact"/> (then only building code, which never sees a compact memory, would need them).</summary>
    public PatchFeatures Features(int golden) => _goldens[golden].Features;

    /// <summary>Centred, unit-length cell vectors of an image, position-major.</summary>
    public NormalisedCells Normalise(PatchFeatures image)
    {
        if (image.GridWidth != GridWidth || image.GridHeight != GridHeight || image.Channels != Channels)
        {
            throw new ArgumentException($"image grid {image.GridWidth}x{image.GridHeight}x{image.Channels} does not match the memory's {GridWidth}x{GridHeight}x{Channels}");
        }

        var values = new float[image.CellCount * Channels];
        var pooled = new float[Channels];
        for (var p = 0; p < image.CellCount; p++)
        {
            var target = values.AsSpan(p * Channels, Channels);
            TensorPrimitives.Subtract(image.Cell(p), _centre, target);
            var norm = TensorPrimitives.Norm(target);
            TensorPrimitives.Divide(target, Math.Max(norm, 1e-6f), target);
            TensorPrimitives.Add(pooled, target, pooled);
        }

        var pooledNorm = TensorPrimitives.Norm(pooled);
        TensorPrimitives.Divide(pooled, Math.Max(pooledNorm, 1e-6f), pooled);
        return new NormalisedCells(values, pooled);
    }

    /// <summary>
    /// Anomaly map of an image against the memory, and the map against each golden consulted (null for the others).
    /// <paramref name="exclude"/> leaves one golden out (leave-one-out calibration).
    /// </summary>
    public AnomalyMaps Anomaly(PatchFeatures image, NormalisedCells cells, int exclude = -1)
    {
        var consulted = Neighbours(cells, exclude);
        var perGolden = new float[]?[_goldens.Length];
        var combined = new float[image.CellCount];
        Array.Fill(combined, float.NaN);
        foreach (var g in consulted)
        {
            var map = Against(image, cells, _goldens[g]);
            perGolden[g] = map;
            for (var p = 0; p < map.Length; p++)
            {
                // NaN-aware minimum: a cell this golden does not cover keeps what the others said.
                if (!float.IsNaN(map[p]) && !(map[p] >= combined[p]))
                {
                    combined[p] = map[p];
                }
            }
        }

        return new AnomalyMaps(combined, perGolden);
    }

    /// <summary>The anomaly map of an image against one other image that is not in the memory (e.g. the reference turned),
    /// whose cells were normalised with the memory's centre (<see cref="Normalise"/>).</summary>
    public float[] AgainstOne(PatchFeatures image, NormalisedCells cells, PatchFeatures other, NormalisedCells otherCells) =>
        Against(image, cells, new Golden(other, otherCells));

    /// <summary>The anomaly map of an image against one golden of the memory.</summary>
    public float[] AgainstGolden(PatchFeatures image, NormalisedCells cells, int golden) => Against(image, cells, _goldens[golden]);

    /// <summary>The goldens whose pooled descriptor is nearest to the image's, at most <see cref="MaxNeighbours"/>, in
    /// library order (ties by order, so the result is deterministic).</summary>
    private List<int> Neighbours(NormalisedCells cells, int exclude)
    {
        var candidates = Enumerable.Range(0, _goldens.Length).Where(g => g != exclude).ToList();
        if (candidates.Count <= MaxNeighbours)
        {
            return candidates;
        }

        return candidates
            .Select(g => (g, Similarity: TensorPrimitives.Dot(cells.Pooled, _goldens[g].Cells.Pooled)))
            .OrderByDescending(c => c.Similarity).ThenBy(c => c.g)
            .Take(MaxNeighbours).Select(c => c.g).OrderBy(g => g).ToList();
    }

    private float[] Against(PatchFeatures image, NormalisedCells cells, Golden golden)
    {
        var (dx, dy) = Align(image, golden.Features);
        // Grey pixels are half a cell.
        var (cx, cy) = (dx / 2.0, dy / 2.0);
        var (w, h, c) = (GridWidth, GridHeight, Channels);
        var map = new float[w * h];
        var (oy0, oy1) = ((int)Math.Floor(cy) - WindowCells, (int)Math.Ceiling(cy) + WindowCells);
        var (ox0, ox1) = ((int)Math.Floor(cx) - WindowCells, (int)Math.Ceiling(cx) + WindowCells);
        for (var y = 0; y < h; y++)
        {
            var yValid = y + cy >= -0.5 && y + cy <= h - 0.5;
            for (var x = 0; x < w; x++)
            {
                var p = y * w + x;
                if (!yValid || x + cx < -0.5 || x + cx > w - 0.5)
                {
                    map[p] = float.NaN;
                    continue;
                }

                var query = cells.Values.AsSpan(p * c, c);
                var best = float.PositiveInfinity;
                for (var oy = oy0; oy <= oy1; oy++)
                {
                    var gy = Math.Clamp(y + oy, 0, h - 1);
                    for (var ox = ox0; ox <= ox1; ox++)
                    {
                        var gx = Math.Clamp(x + ox, 0, w - 1);
                        var d = 1f - TensorPrimitives.Dot(query, golden.Cells.Values.AsSpan((gy * w + gx) * c, c));
                        best = Math.Min(best, d);
                    }
                }

                map[p] = best;
            }
        }

        return map;
    }

    /// <summary>
    /// Where the image's content sits in the golden, in grey pixels: the image's interior (minus
    /// <see cref="AlignFraction"/> of each side) searched in the golden with zero-mean NCC; (0, 0) for a flat interior.
    /// </summary>
    public static (int Dx, int Dy) Align(PatchFeatures image, PatchFeatures golden)
    {
        var (w, h) = (image.GreyWidth, image.GreyHeight);
        var mx = Math.Max(1, (int)Math.Round(w * AlignFraction));
        var my = Math.Max(1, (int)Math.Round(h * AlignFraction));
        if (w - 2 * mx < 2 || h - 2 * my < 2)
        {
            return (0, 0);
        }

        var (tw, th) = (w - 2 * mx, h - 2 * my);
        var scores = ZeroMeanNcc.Map(golden.Grey, golden.GreyWidth, golden.GreyHeight, image.Grey, w, (mx, my, tw, th), 1e-3);
        if (scores is null)
        {
            return (0, 0);
        }

        var (rw, rh) = (golden.GreyWidth - tw + 1, golden.GreyHeight - th + 1);
        var (bx, by, best) = ZeroMeanNcc.Best(scores, rw, 0, 0, rw, rh);
        var location = (X: bx, Y: by);

        // A part with a repeating pattern (a row of screws, a pin header) matches itself one period away almost as well
        // as in place; a far offset is taken only when it is clearly better than any near one.
        var nx = Math.Max(1, (int)Math.Round(w * NearFraction));
        var ny = Math.Max(1, (int)Math.Round(h * NearFraction));
        var (nearX, nearY) = (Math.Max(0, mx - nx), Math.Max(0, my - ny));
        var nearWidth = Math.Min(rw, mx + nx + 1) - nearX;
        var nearHeight = Math.Min(rh, my + ny + 1) - nearY;
        if (nearWidth > 0 && nearHeight > 0)
        {
            var (x, y, nearBest) = ZeroMeanNcc.Best(scores, rw, nearX, nearY, nearWidth, nearHeight);
            if (best - nearBest < FarMargin)
            {
                location = (x, y);
            }
        }

        return (location.X - mx, location.Y - my);
    }

    /// <summary>Offsets up to this fraction of each side count as near (capture jitter).</summary>
    private const double NearFraction = 0.06;

    /// <summary>A far offset must beat the best near one by this much NCC.</summary>
    private const double FarMargin = 0.05;

    /// <summary>A float Mat copy of the grey image (OpenCV needs its own buffer; the features stay immutable).</summary>
    public static Mat GreyMat(PatchFeatures image)
    {
        var mat = new Mat(image.GreyHeight, image.GreyWidth, MatType.CV_32FC1);
        mat.SetArray(image.Grey.ToArray());
        return mat;
    }

    private sealed record Golden(PatchFeatures Features, NormalisedCells Cells);
}

/// <summary>Centred unit cell vectors (position-major) and their normalised mean, the image's pooled descriptor.</summary>
public sealed record NormalisedCells(float[] Values, float[] Pooled);

/// <summary>The combined anomaly map (per cell, NaN where no golden covers it) and the map against each golden consulted.</summary>
public sealed record AnomalyMaps(float[] Combined, float[]?[] PerGolden);
