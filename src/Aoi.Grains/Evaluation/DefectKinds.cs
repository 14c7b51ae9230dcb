namespace Aoi.Grains.Evaluation;

/// <summary>The synthetic defect kinds of spec 3.6, in report order.</summary>
public static class DefectKinds
{
    public const string MissingPart = "missing_part";
    public const string WrongPart = "wrong_part";
    public const string Turned180 = "turned_180";
    public const string HalfCovered = "half_covered";
    public const string Displaced = "displaced";

    /// <summary>Beyond spec 3.6 (opt-in, <see cref="EvaluationSettings.BeyondSpecDefects"/>): the part turned 90°.</summary>
    public const string Turned90 = "turned_90";

    /// <summary>Beyond spec 3.6 (opt-in): a thin bright line across the part (a scratch, a stray wire strand).</summary>
    public const string Scratch = "scratch";

    /// <summary>The kinds spec 3.6 names.</summary>
    public static readonly string[] All = [MissingPart, WrongPart, Turned180, HalfCovered, Displaced];

    /// <summary>Kinds the spec does not name, generated only on request: a hidden evaluation builds its own.</summary>
    public static readonly string[] BeyondSpec = [Turned90, Scratch];

    public static IReadOnlyList<string> For(EvaluationSettings settings) => settings.BeyondSpecDefects ? [.. All, .. BeyondSpec] : All;
}
