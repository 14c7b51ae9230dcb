using Aoi.Grains.Engines.Compare.Library;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// One ROI's model for <see cref="PatchLibraryJudge"/>: the patch memory of its goldens (reference first), the tolerance
/// map learned from their variation, the turned reference for the orientation check (null for parts that look the same
/// turned), the reference's texture for the presence check and where the library's goldens sit for the placement check.
/// The judge hands out models <see cref="Compact"/>: what scoring reads, without the raw cells only building needed.
/// </summary>
public sealed class PatchLibraryModel(
    Size roiSize,
    IReadOnlyList<string> goldens,
    IReadOnlyList<ExcludedGolden> excluded,
    PatchMemory memory,
    ToleranceMap tolerance,
    PatchFeatures? turnedReference,
    double referenceTexture,
    IReadOnlyList<(double Dx, double Dy)> positions,
    NormalisedCells? turnedCells = null)
    : LibraryModel(PatchLibraryJudge.MethodName, roiSize, goldens, excluded)
{
    public PatchMemory Memory { get; } = memory;

    public ToleranceMap Tolerance { get; } = tolerance;

    public PatchFeatures? TurnedReference { get; } = turnedReference;

    /// <summary>The turned reference's cells normalised with the memory's centre, once per model rather than per score.</summary>
    public NormalisedCells? TurnedCells { get; } = turnedCells ?? (turnedReference is null ? null : memory.Normalise(turnedReference));

    public double ReferenceTexture { get; } = referenceTexture;

    /// <summary>Where each golden of the memory sits as the reference sees it, in fractions of the ROI (the reference at 0, 0).</summary>
    public IReadOnlyList<(double Dx, double Dy)> Positions { get; } = positions;

    public override long Bytes => Memory.Bytes + (TurnedReference?.Bytes ?? 0) +
                                  (TurnedCells is { } cells ? ((long)cells.Values.Length + cells.Pooled.Length) * sizeof(float) : 0);

    /// <summary>The model as an inspection needs it: the memory <see cref="PatchMemory.Compact"/>, the turned reference
    /// grey-only with its normalised cells (what building needed the raw cells for is done).</summary>
    internal PatchLibraryModel Compact() =>
        new(RoiSize, Goldens, Excluded, Memory.Compact(), Tolerance, TurnedReference?.GreyOnly(), ReferenceTexture, Positions, TurnedCells);
}
