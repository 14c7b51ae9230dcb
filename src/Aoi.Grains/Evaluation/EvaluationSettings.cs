namespace Aoi.Grains.Evaluation;

/// <summary>Bounds and seeds of an evaluation run. Everything is deterministic for given settings and library files.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Base seed of the noise in genuine variants and defects; each ROI derives its own from it and its idx.</summary>
    public int Seed { get; init; } = 3_6_2026;

    /// <summary>ROIs evaluated at once.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Genuine nuisance variants of the best golden.</summary>
    public IReadOnlyList<GenuineRecipe> GenuineRecipes { get; init; } = GenuineRecipe.Standard;

    /// <summary>Unseen captures scored per ROI, evenly spread over the unseen half; 0 = all.</summary>
    public int MaxUnseenPerRoi { get; init; }

    /// <summary>The unseen captures scored: all, or <see cref="MaxUnseenPerRoi"/> of them evenly spread in order.</summary>
    public IEnumerable<T> UnseenSample<T>(IReadOnlyList<T> unseen) =>
        MaxUnseenPerRoi <= 0 || unseen.Count <= MaxUnseenPerRoi
            ? unseen
            : Enumerable.Range(0, MaxUnseenPerRoi).Select(k => unseen[(int)((long)k * unseen.Count / MaxUnseenPerRoi)]);

    /// <summary>Also the defect kinds spec 3.6 does not name (<see cref="DefectKinds.BeyondSpec"/>).</summary>
    public bool BeyondSpecDefects { get; init; }

    /// <summary>Wrong parts per ROI (best goldens of other compare ROIs).</summary>
    public int MaxWrongParts { get; init; } = 2;

    /// <summary>Another ROI's golden counts as a visibly different part below this aligned NCC with this ROI's best.</summary>
    public double WrongPartMaxNcc { get; init; } = 0.5;

    /// <summary>
    /// Seed of one ROI's variants. Not <see cref="HashCode"/>, which is randomised per process: the same settings must
    /// give the same pixels in every run.
    /// </summary>
    public int SeedFor(int roiIdx) => unchecked((Seed * 1_000_003) + (roiIdx * 7_919));

    /// <summary>The seed of a ROI's synthetic defects (<see cref="DefectGenerator"/>), apart from its genuine variants'.</summary>
    public int DefectSeedFor(int roiIdx) => unchecked(SeedFor(roiIdx) + 1000);

    /// <summary>Threshold of a compare ROI whose ai_threshold is null (spec 1.4).</summary>
    public double DefaultThreshold { get; init; } = 0.9;
}
