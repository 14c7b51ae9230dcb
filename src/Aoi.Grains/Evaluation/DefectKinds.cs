namespace Aoi.Grains.Evaluation;

/// <summary>The synthetic defect kinds of spec 3.6, in report order.</summary>
public static class DefectKinds
{
    public const string MissingPart = "missing_part";
    public const string WrongPart = "wrong_part";
    public const string Turned180 = "turned_180";
    public const string HalfCovered = "half_covered";
    public const string Displaced = "displaced";

    public static readonly string[] All = [MissingPart, WrongPart, Turned180, HalfCovered, Displaced];
}
