namespace Aoi.Contracts;

/// <summary>
/// Serialises every change to one golden folder (key: "product/idx"), across sessions and silos (spec 4.2).
/// </summary>
[Alias("aoi.IGoldenLibraryGrain")]
public interface IGoldenLibraryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Automatic promotion (spec 4.3): make <paramref name="candidateName"/> the best golden if both files are
    /// unchanged since they were read (stamps = "size:lastWriteTicks", null when the best was absent). Returns true
    /// when promoted.
    /// </summary>
    Task<bool> PromoteMatchAsync(string candidateName, string candidateStamp, string? bestStamp);
}
