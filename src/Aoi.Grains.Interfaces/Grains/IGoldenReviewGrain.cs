namespace Aoi.Grains.Interfaces;

/// <summary>
/// What a review verdict changes in one ROI's library (key "product/idx", like <see cref="IGoldenLibraryGrain"/>):
/// learned goldens and the ROI's regression samples (its confirmed defects). Implemented by the golden library grain
/// itself, so a verdict's library change and every other golden change of the folder run one at a time in one
/// activation, and a regression check always sees the samples and goldens it guards.
/// </summary>
[Alias("aoi.IGoldenReviewGrain")]
public interface IGoldenReviewGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a verdict: a false call forgets the inspection's regression sample and, when asked, learns the crop as
    /// the alternative golden learned_&lt;inspection id&gt;.jpg after the regression check; a defect removes a golden
    /// learned from the same inspection and keeps the crop as a regression sample.
    /// </summary>
    [ResponseTimeout(IGoldenLibraryGrain.ChangeTimeout)]
    Task<GoldenReviewResult> ApplyReviewAsync(GoldenReviewChange change);

    /// <summary>The ROI's regression samples (confirmed defects), oldest first.</summary>
    Task<RegressionSampleInfo[]> ListRegressionSamplesAsync();
}
