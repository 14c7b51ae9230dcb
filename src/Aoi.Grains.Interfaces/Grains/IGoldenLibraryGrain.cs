using Orleans.Concurrency;

namespace Aoi.Grains.Interfaces;

/// <summary>
/// Serialises every change to one golden folder (key: "product/idx"), across sessions and silos (spec 4.2).
/// </summary>
[Alias("aoi.IGoldenLibraryGrain")]
public interface IGoldenLibraryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Ceiling of a change: each one rebuilds the ROI's compare model and runs the regression check (seconds each), and
    /// changes of one folder queue behind each other, so Orleans' short default call timeout does not fit.
    /// </summary>
    public const string ChangeTimeout = "00:02:00";

    /// <summary>
    /// Automatic promotion (spec 4.3): make <paramref name="candidateName"/> the best golden if both files are
    /// unchanged since they were read (stamps = "size:lastWriteTicks", null when the best was absent). Returns true
    /// when promoted.
    /// </summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<bool> PromoteMatchAsync(string candidateName, string candidateStamp, string? bestStamp);

    /// <summary>Upload (spec 4.4): stores the picture as best_golden.jpg after backing up the current best; 415 when it does not decode.</summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<GoldenChangeResult> SaveBestAsync(byte[] image);

    /// <summary>Manual promote (spec 4.4): renames <paramref name="sampleName"/> to best_golden.jpg, backing up the current best.</summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<GoldenChangeResult> PromoteAsync(string sampleName);

    /// <summary>Restore (spec 4.4): renames an original_*_old_best.jpg backup to best_golden.jpg, backing up the current best.</summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<GoldenChangeResult> RestoreAsync(string backupName);

    /// <summary>Deletes one golden sample; refuses to delete the folder's only one (spec 4.4).</summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<GoldenChangeResult> DeleteAsync(string sampleName);

    /// <summary>The folder's golden samples, best first then by name; empty when the folder does not exist.</summary>
    Task<GoldenSample[]> ListAsync(bool includeImages);

    /// <summary>Bytes of one golden sample, null when there is no such jpg in the folder.</summary>
    Task<byte[]?> ReadSampleAsync(string sampleName);

    /// <summary>Old single-golden store (spec 7.6): writes golden/roi_&lt;idx&gt;_golden.jpg; 415 when it does not decode.</summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<GoldenChangeResult> SaveLegacyGoldenAsync(byte[] image);

    /// <summary>Old single-golden store: deletes golden/roi_&lt;idx&gt;_golden.jpg; 404 when absent.</summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<GoldenChangeResult> DeleteLegacyGoldenAsync();

    /// <summary>Rebuilds the ROI's compare model from the folder as it is now (teach time: after an import or a change
    /// made outside the server) and returns the goldens it leaves out; empty for a ROI that is not an enabled compare ROI.</summary>
    [ResponseTimeout(ChangeTimeout)]
    Task<ExcludedGoldenNote[]> RebuildModelAsync();

    /// <summary>The same rebuild, sent one way: the grain sends it to itself when a change's caller (an inspection that
    /// promoted a golden, a review verdict) should have its answer first; it runs in the grain's next turn, so no other
    /// change to the folder interleaves with it.</summary>
    [OneWay]
    Task RebuildModelLaterAsync();

    /// <summary>
    /// Holds every change to this folder until <see cref="ReleaseAsync"/> with the same lease (or the lease expires),
    /// so a product-wide rename can move the folder. Waits while another lease holds it.
    /// </summary>
    Task HoldAsync(Guid lease, TimeSpan expiry);

    /// <summary>Ends a hold. Interleaves with the calls waiting behind the hold, which is what lets them continue.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task ReleaseAsync(Guid lease);
}
