namespace Aoi.Grains.Engines.Compare;

/// <summary>Pass rule of spec 3.3: no epsilon, and match_result always agrees with passed.</summary>
public static class ComparePassRule
{
    public const string Match = "Match";
    public const string Different = "Different";

    public static bool Passes(double similarity, double threshold) => similarity >= threshold;

    public static CompareOutcome Outcome(double similarity, double threshold) =>
        new(Passes(similarity, threshold) ? Match : Different, similarity, threshold);
}
