using Aoi.Grains.Golden;

namespace Aoi.Grains.Review;

/// <summary>
/// The one question the review loop asks the compare engine: would this crop pass this compare ROI against exactly
/// these golden files, in this library order? Every regression check (learning, golden saves, promotions, restores,
/// deletions, imports) and the confirmed-sample report go through it, so swapping the compare engine means
/// implementing this once. Implementations score with the server's real engine and never change a library.
/// </summary>
public interface IProposedLibraryJudge
{
    /// <param name="productName">Product of the ROI (for logs and product-level engine state).</param>
    /// <param name="roi">The ROI as configured now: threshold, feature method, size.</param>
    /// <param name="cropFile">The crop to judge (a JPEG as kept by the history or as a regression sample).</param>
    /// <param name="library">Golden files in compare order (best first); they may lie anywhere, and
    /// <see cref="GoldenCandidate.Name"/> is the name the file has, or would have, in the ROI's folder.</param>
    Task<LibraryJudgement> JudgeAsync(
        string productName, RoiDefinition roi, string cropFile, IReadOnlyList<GoldenCandidate> library, CancellationToken cancellationToken);
}
