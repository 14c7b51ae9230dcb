using System.Text.RegularExpressions;

namespace Aoi.Grains.Engines.Barcode;

/// <summary>Verdict of spec 3.2 steps 5–6 for one reading.</summary>
public sealed record BarcodeVerdict(bool Passed, string? Error, string? Detail, string? Candidate);

/// <summary>Pass rule of spec 3.2 step 5 and the candidate device barcode of step 6.</summary>
public static class BarcodePatternRule
{
    // Spec 2.4: a pattern that runs longer than this counts as not matching, so a pathological expression cannot
    // hold a worker.
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public static BarcodeVerdict Judge(IReadOnlyList<string> values, string? expectedPattern)
    {
        if (string.IsNullOrWhiteSpace(expectedPattern))
        {
            return values.Count > 0
                ? new BarcodeVerdict(true, null, null, values[0])
                : new BarcodeVerdict(false, null, null, null);
        }

        var match = values.FirstOrDefault(value => Matches(value, expectedPattern));
        if (match is not null)
        {
            return new BarcodeVerdict(true, null, $"value '{match}' matches pattern '{expectedPattern}'", match);
        }

        var text = $"no value matches pattern '{expectedPattern}'";
        return new BarcodeVerdict(false, text, text, null);
    }

    private static bool Matches(string value, string pattern)
    {
        try
        {
            // The static API caches the parsed expression, so repeated ROIs do not re-parse it; it is thread-safe.
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
