namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// What the patch method keeps of one image at a ROI's working size: the locally aggregated mid-level feature of every
/// cell (stride 8 of the working image), position-major so cells compare with plain dot products, and a grey copy at a
/// quarter of the working size (one grey pixel = half a cell) for alignment and the placement check. Immutable:
/// golden features are shared by concurrent inspections.
/// </summary>
public sealed class PatchFeatures(int gridWidth, int gridHeight, int channels, float[] cells, int greyWidth, int greyHeight, float[] grey)
{
    private readonly float[] _cells = cells;
    private readonly float[] _grey = grey;

    public int GridWidth { get; } = gridWidth;

    public int GridHeight { get; } = gridHeight;

    public int Channels { get; } = channels;

    public int CellCount => GridWidth * GridHeight;

    public int GreyWidth { get; } = greyWidth;

    public int GreyHeight { get; } = greyHeight;

    /// <summary>Grey values (0..255) row-major, <see cref="GreyWidth"/> × <see cref="GreyHeight"/>.</summary>
    public ReadOnlySpan<float> Grey => _grey;

    /// <summary>Every cell's vector, position-major; empty in a <see cref="GreyOnly"/> copy.</summary>
    internal ReadOnlySpan<float> Cells => _cells;

    /// <summary>The same image without its cell vectors (sharing the grey copy): what a built model keeps of a golden,
    /// whose cells it holds normalised (<see cref="PatchMemory.Compact"/>). <see cref="Cell(int)"/> then throws.</summary>
    internal PatchFeatures GreyOnly() => new(GridWidth, GridHeight, Channels, [], GreyWidth, GreyHeight, _grey);

    internal long Bytes => ((long)_cells.Length + _grey.Length) * sizeof(float);

    /// <summary>The feature vector of cell (x, y).</summary>
    public ReadOnlySpan<float> Cell(int x, int y) => _cells.AsSpan((y * GridWidth + x) * Channels, Channels);

    /// <summary>The feature vector of cell index p (row-major).</summary>
    public ReadOnlySpan<float> Cell(int p) => _cells.AsSpan(p * Channels, Channels);
}
