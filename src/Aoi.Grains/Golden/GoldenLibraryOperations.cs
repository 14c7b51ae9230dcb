namespace Aoi.Grains.Golden;

/// <summary>
/// The manual operations of spec 4.4 on one roi_&lt;idx&gt; folder: upload, promote, restore, delete, list, read.
/// Changes are renames wherever possible and every two-step change puts the first step back when the second fails,
/// so each image exists under some name at every moment (spec 4.2). They run under the folder's in-process lock; the
/// golden library grain serialises them across the cluster.
/// </summary>
public sealed class GoldenLibraryOperations(GoldenFolder folder, TimeProvider? clock = null)
{
    public const string InvalidFilename = "Invalid filename";
    public const string InvalidBackupFormat = "Invalid backup filename format. Must be original_*_old_best.jpg";
    public const string FolderNotFound = "Golden ROI directory not found";
    public const string SampleNotFound = "Sample file not found";
    public const string OnlySample = "Cannot delete the only golden sample. Add alternatives first.";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private string BestPath => Path.Combine(folder.FullPath, GoldenFolder.BestName);

    public static string BackupNotFound(string name) => $"Backup file '{name}' not found";

    /// <summary>Stores <paramref name="jpeg"/> as best_golden.jpg; the previous best becomes original_&lt;s&gt;_old_best.jpg.</summary>
    public GoldenChangeResult SaveBest(byte[] jpeg)
    {
        Directory.CreateDirectory(folder.FullPath);
        lock (folder.ChangeLock)
        {
            // Written completely under a non-jpg name first: compare never sees a half-written best, and a failed
            // write leaves the current best untouched.
            var temp = Path.Combine(folder.FullPath, $".upload-{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllBytes(temp, jpeg);
                var backup = ReplaceBest(temp);
                return Ok(backup);
            }
            finally
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Stores <paramref name="jpeg"/> as the alternative <paramref name="name"/> (the best is untouched), written whole
    /// under a non-jpg name first; false when a file of that name exists already (it is left as it is).
    /// </summary>
    public bool AddAlternative(string name, byte[] jpeg)
    {
        if (!GoldenSampleNames.IsSafeFileName(name) || !GoldenSampleNames.IsJpg(name) || name == GoldenFolder.BestName)
        {
            throw new ArgumentException($"'{name}' is not an alternative golden name", nameof(name));
        }

        Directory.CreateDirectory(folder.FullPath);
        lock (folder.ChangeLock)
        {
            var target = Path.Combine(folder.FullPath, name);
            if (File.Exists(target))
            {
                return false;
            }

            var temp = Path.Combine(folder.FullPath, $".add-{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllBytes(temp, jpeg);
                File.Move(temp, target, overwrite: false);
                return true;
            }
            finally
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Removes one sample even when it is the folder's only one: for a golden that must not stay (learned from a crop
    /// now confirmed defective). A ROI left without goldens fails every inspection, which is the safe side.
    /// </summary>
    public bool Withdraw(string sampleName)
    {
        if (!GoldenSampleNames.IsSafeFileName(sampleName))
        {
            return false;
        }

        lock (folder.ChangeLock)
        {
            if (!SampleExists(sampleName))
            {
                return false;
            }

            File.Delete(Path.Combine(folder.FullPath, sampleName));
            return true;
        }
    }

    /// <summary>Renames <paramref name="sampleName"/> to best_golden.jpg; promoting the best itself changes nothing.</summary>
    public GoldenChangeResult Promote(string sampleName)
    {
        if (!GoldenSampleNames.IsSafeFileName(sampleName))
        {
            return Fail(FailureKind.Invalid, InvalidFilename);
        }

        lock (folder.ChangeLock)
        {
            if (!Directory.Exists(folder.FullPath))
            {
                return Fail(FailureKind.NotFound, FolderNotFound);
            }

            if (!SampleExists(sampleName))
            {
                return Fail(FailureKind.NotFound, SampleNotFound);
            }

            return sampleName == GoldenFolder.BestName ? Ok(null) : Ok(ReplaceBest(Path.Combine(folder.FullPath, sampleName)));
        }
    }

    /// <summary>Renames an original_*_old_best.jpg backup to best_golden.jpg, backing up the current best first.</summary>
    public GoldenChangeResult Restore(string backupName)
    {
        if (!GoldenSampleNames.IsBackupName(backupName))
        {
            return Fail(FailureKind.Invalid, InvalidBackupFormat);
        }

        if (!GoldenSampleNames.IsSafeFileName(backupName))
        {
            return Fail(FailureKind.Invalid, InvalidFilename);
        }

        lock (folder.ChangeLock)
        {
            if (!Directory.Exists(folder.FullPath))
            {
                return Fail(FailureKind.NotFound, FolderNotFound);
            }

            if (!SampleExists(backupName))
            {
                return Fail(FailureKind.NotFound, BackupNotFound(backupName));
            }

            return Ok(ReplaceBest(Path.Combine(folder.FullPath, backupName)));
        }
    }

    /// <summary>Deletes one sample; the folder's only jpg is refused so a ROI is never left without a golden.</summary>
    public GoldenChangeResult Delete(string sampleName)
    {
        if (!GoldenSampleNames.IsSafeFileName(sampleName))
        {
            return Fail(FailureKind.Invalid, InvalidFilename);
        }

        lock (folder.ChangeLock)
        {
            if (!Directory.Exists(folder.FullPath) || !SampleExists(sampleName))
            {
                return Fail(FailureKind.NotFound, SampleNotFound);
            }

            if (folder.ListCandidates().Count <= 1)
            {
                return Fail(FailureKind.Invalid, OnlySample);
            }

            File.Delete(Path.Combine(folder.FullPath, sampleName));
            return Ok(null);
        }
    }

    /// <summary>Samples in compare order (best first, then ordinal by name), optionally with their bytes.</summary>
    public GoldenSample[] List(bool includeImages)
    {
        var samples = new List<GoldenSample>();
        foreach (var candidate in folder.ListCandidates())
        {
            var file = new FileInfo(candidate.FullPath);
            byte[]? data = null;
            try
            {
                data = includeImages ? File.ReadAllBytes(candidate.FullPath) : null;
            }
            catch (FileNotFoundException)
            {
                continue; // removed from outside the server since the listing
            }

            samples.Add(new GoldenSample(candidate.Name, candidate.IsBest, candidate.Size, file.CreationTimeUtc, data));
        }

        return [.. samples];
    }

    /// <summary>Bytes of a jpg of this folder, null when the name is unsafe or there is no such file.</summary>
    public byte[]? Read(string sampleName)
    {
        if (!GoldenSampleNames.IsSafeFileName(sampleName) || !SampleExists(sampleName))
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(Path.Combine(folder.FullPath, sampleName));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Current best (if any) → a free original_&lt;s&gt;_old_best.jpg, then <paramref name="newBest"/> → best_golden.jpg.
    /// When the second rename fails the first is undone. Returns the backup name, null when there was no best.
    /// </summary>
    private string? ReplaceBest(string newBest)
    {
        string? backup = null;
        if (File.Exists(BestPath))
        {
            backup = GoldenSampleNames.FreeBackupName(folder.FullPath, _clock.GetUtcNow());
            File.Move(BestPath, Path.Combine(folder.FullPath, backup), overwrite: false);
        }

        try
        {
            File.Move(newBest, BestPath, overwrite: false);
        }
        catch
        {
            if (backup is not null)
            {
                File.Move(Path.Combine(folder.FullPath, backup), BestPath, overwrite: false);
            }

            throw;
        }

        return backup;
    }

    /// <summary>An existing *.jpg directly in the folder, matched by exact name.</summary>
    private bool SampleExists(string name) =>
        GoldenSampleNames.IsJpg(name) && File.Exists(Path.Combine(folder.FullPath, name));

    private static GoldenChangeResult Ok(string? backup) => GoldenChangeResult.Done(backup);

    private static GoldenChangeResult Fail(FailureKind kind, string error) => GoldenChangeResult.Refused(kind, error);
}
