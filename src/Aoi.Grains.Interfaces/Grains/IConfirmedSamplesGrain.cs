namespace Aoi.Grains.Interfaces;

/// <summary>
/// Checks a product's current golden libraries against what people confirmed at the review station: every
/// regression sample (confirmed defect) must still fail, every confirmed false call whose crop is still kept shows
/// whether it would pass now. Read-only. A stateless worker: address it with key 0.
/// </summary>
[Alias("aoi.IConfirmedSamplesGrain")]
public interface IConfirmedSamplesGrain : IGrainWithIntegerKey
{
    /// <summary>The confirmed samples of the product's compare ROIs judged against their current libraries.</summary>
    [ResponseTimeout("00:15:00")]
    Task<ConfirmedSamplesReport> EvaluateAsync(string productName);
}
