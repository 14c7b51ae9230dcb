namespace Aoi.Grains.Interfaces;

/// <summary>
/// Runs the accuracy protocol (spec 3.6) on a product's golden library without changing it. A stateless worker: address
/// it with key 0.
/// </summary>
[Alias("aoi.ILibraryHealthGrain")]
public interface ILibraryHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Evaluate the product's compare ROIs with the given method choice (<see cref="EvaluationMethod"/>).</summary>
    [ResponseTimeout("00:15:00")]
    Task<EvaluationOutcome> EvaluateAsync(string productName, string method);
}
