namespace Aoi.Grains.Review;

/// <summary>How a verdict ended; the web front end maps it to the HTTP status.</summary>
public enum ReviewOutcomeKind
{
    /// <summary>Stored (and learned / kept as a regression sample where that applies).</summary>
    Stored,

    /// <summary>Unknown inspection or ROI, or the product is gone.</summary>
    NotFound,

    /// <summary>A ROI that passed, a bad verdict, learn on a defect.</summary>
    Invalid,

    /// <summary>Learning asked by a reviewer whose role may not learn.</summary>
    Forbidden,

    /// <summary>Learning refused by the regression check; nothing stored, the ROI stays in the queue.</summary>
    Conflict,

    /// <summary>The verdict could not be stored (database unreachable); the ROI stays in the queue.</summary>
    Failed,
}

/// <summary>
/// Result of <see cref="ReviewService.ReviewAsync"/>: the stored verdict and the one it replaced, or the failure
/// with its text; <see cref="Escape"/> names the regression sample that refused learning.
/// </summary>
public sealed record ReviewOutcome(
    ReviewOutcomeKind Kind, string? Error, ReviewRecord? Review = null, ReviewRecord? Replaced = null, RegressionEscape? Escape = null)
{
    public static ReviewOutcome Fail(ReviewOutcomeKind kind, string error, RegressionEscape? escape = null) => new(kind, error, Escape: escape);
}
