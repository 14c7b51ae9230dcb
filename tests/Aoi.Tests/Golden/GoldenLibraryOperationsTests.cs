using System.Text.RegularExpressions;
using Aoi.Grains.Golden;
using Aoi.Tests.Linking;

namespace Aoi.Tests.Golden;

/// <summary>Manual operations of spec 4.4 on a folder, without Orleans (rules of 4.2: renames, unique backups, nothing lost).</summary>
public sealed partial class GoldenLibraryOperationsTests : IDisposable
{
    private readonly string _root = GoldenFiles.NewRoot();
    private readonly ManualTimeProvider _clock = new();

    private string FolderPath => Path.Combine(_root, "roi_1");

    private GoldenLibraryOperations Ops() => new(new GoldenFolder(FolderPath), _clock);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex(@"^original_\d+_old_best\.jpg$")]
    private static partial Regex FirstBackup();

    [Fact]
    public void SaveIntoMissingFolderCreatesBestWithoutBackup()
    {
        var jpeg = GoldenFiles.Jpeg(7);

        var result = Ops().SaveBest(jpeg);

        Assert.Equal(GoldenChangeResult.Done(), result);
        Assert.Equal(["best_golden.jpg"], GoldenFiles.Names(FolderPath));
        Assert.Equal(jpeg, File.ReadAllBytes(Path.Combine(FolderPath, "best_golden.jpg")));
    }

    [Fact]
    public void SavesInOneSecondGetUniqueBackupNames()
    {
        var old = GoldenFiles.Fill(FolderPath, "best_golden.jpg")["best_golden.jpg"];
        var seconds = _clock.GetUtcNow().ToUnixTimeSeconds();

        var first = Ops().SaveBest(GoldenFiles.Jpeg(1));
        var second = Ops().SaveBest(GoldenFiles.Jpeg(2));
        var third = Ops().SaveBest(GoldenFiles.Jpeg(3));

        Assert.Equal($"original_{seconds}_old_best.jpg", first.BackupName);
        Assert.Equal($"original_{seconds}_1_old_best.jpg", second.BackupName);
        Assert.Equal($"original_{seconds}_2_old_best.jpg", third.BackupName);
        Assert.Equal(old, GoldenFiles.Hash(File.ReadAllBytes(Path.Combine(FolderPath, first.BackupName!))));
        Assert.Equal(GoldenFiles.Jpeg(3), File.ReadAllBytes(Path.Combine(FolderPath, "best_golden.jpg")));
        Assert.Equal(4, GoldenFiles.Names(FolderPath).Length);
    }

    [Fact]
    public void PromoteRenamesTheSampleAndBacksUpTheBest()
    {
        var hashes = GoldenFiles.Fill(FolderPath, "best_golden.jpg", "a.jpg", "b.jpg");

        var result = Ops().Promote("b.jpg");

        Assert.True(result.Succeeded);
        Assert.Matches(FirstBackup(), result.BackupName);
        Assert.Equal(["a.jpg", "best_golden.jpg", result.BackupName!], GoldenFiles.Names(FolderPath));
        Assert.Equal(hashes["b.jpg"], GoldenFiles.Hash(File.ReadAllBytes(Path.Combine(FolderPath, "best_golden.jpg"))));
        Assert.Equal(hashes["best_golden.jpg"], GoldenFiles.Hash(File.ReadAllBytes(Path.Combine(FolderPath, result.BackupName!))));
    }

    [Fact]
    public void PromotingTheBestIsANoOpSuccess()
    {
        GoldenFiles.Fill(FolderPath, "best_golden.jpg", "a.jpg");
        var before = GoldenFiles.ContentHashes(FolderPath);

        Assert.Equal(GoldenChangeResult.Done(), Ops().Promote("best_golden.jpg"));
        Assert.Equal(before, GoldenFiles.ContentHashes(FolderPath));
        Assert.Equal(["a.jpg", "best_golden.jpg"], GoldenFiles.Names(FolderPath));
    }

    [Fact]
    public void PromoteWithoutBestJustRenames()
    {
        GoldenFiles.Fill(FolderPath, "a.jpg", "b.jpg");

        var result = Ops().Promote("a.jpg");

        Assert.Equal(GoldenChangeResult.Done(), result);
        Assert.Equal(["b.jpg", "best_golden.jpg"], GoldenFiles.Names(FolderPath));
    }

    [Theory]
    [InlineData("", FailureKind.Invalid, "Invalid filename")]
    [InlineData("../roi_2/best_golden.jpg", FailureKind.Invalid, "Invalid filename")]
    [InlineData("a\\b.jpg", FailureKind.Invalid, "Invalid filename")]
    [InlineData("missing.jpg", FailureKind.NotFound, "Sample file not found")]
    [InlineData("notes.txt", FailureKind.NotFound, "Sample file not found")]
    public void PromoteRefusals(string name, FailureKind kind, string error)
    {
        GoldenFiles.Fill(FolderPath, "best_golden.jpg");
        File.WriteAllText(Path.Combine(FolderPath, "notes.txt"), "not a sample");

        Assert.Equal(GoldenChangeResult.Refused(kind, error), Ops().Promote(name));
        Assert.Equal(["best_golden.jpg", "notes.txt"], GoldenFiles.Names(FolderPath));
    }

    [Fact]
    public void PromoteInMissingFolderIsDirectoryNotFound() =>
        Assert.Equal(GoldenChangeResult.Refused(FailureKind.NotFound, "Golden ROI directory not found"), Ops().Promote("a.jpg"));

    [Fact]
    public void RestoreRenamesTheBackupAndBacksUpTheCurrentBest()
    {
        _clock.Advance(TimeSpan.FromSeconds(5));
        var hashes = GoldenFiles.Fill(FolderPath, "best_golden.jpg", "original_100_old_best.jpg");

        var result = Ops().Restore("original_100_old_best.jpg");

        Assert.True(result.Succeeded);
        Assert.Equal($"original_{_clock.GetUtcNow().ToUnixTimeSeconds()}_old_best.jpg", result.BackupName);
        Assert.Equal(["best_golden.jpg", result.BackupName!], GoldenFiles.Names(FolderPath));
        Assert.Equal(hashes["original_100_old_best.jpg"], GoldenFiles.Hash(File.ReadAllBytes(Path.Combine(FolderPath, "best_golden.jpg"))));
    }

    [Theory]
    [InlineData("invalid_filename.jpg", FailureKind.Invalid, "Invalid backup filename format. Must be original_*_old_best.jpg")]
    [InlineData("best_golden.jpg", FailureKind.Invalid, "Invalid backup filename format. Must be original_*_old_best.jpg")]
    [InlineData("original_../../x_old_best.jpg", FailureKind.Invalid, "Invalid filename")]
    [InlineData("original_5_old_best.jpg", FailureKind.NotFound, "Backup file 'original_5_old_best.jpg' not found")]
    public void RestoreRefusals(string name, FailureKind kind, string error)
    {
        GoldenFiles.Fill(FolderPath, "best_golden.jpg");

        Assert.Equal(GoldenChangeResult.Refused(kind, error), Ops().Restore(name));
        Assert.Equal(["best_golden.jpg"], GoldenFiles.Names(FolderPath));
    }

    [Fact]
    public void DeletingTheOnlySampleIsRefused()
    {
        GoldenFiles.Fill(FolderPath, "best_golden.jpg");
        File.WriteAllText(Path.Combine(FolderPath, "notes.txt"), "not a sample");

        Assert.Equal(GoldenChangeResult.Refused(FailureKind.Invalid, "Cannot delete the only golden sample. Add alternatives first."),
            Ops().Delete("best_golden.jpg"));
        Assert.Equal(["best_golden.jpg", "notes.txt"], GoldenFiles.Names(FolderPath));
    }

    [Fact]
    public void DeletingTheBestWithAlternativesLeavesNoBest()
    {
        GoldenFiles.Fill(FolderPath, "best_golden.jpg", "a.jpg", "b.jpg");

        Assert.True(Ops().Delete("best_golden.jpg").Succeeded);
        Assert.Equal(["a.jpg", "b.jpg"], GoldenFiles.Names(FolderPath));
        Assert.Equal(["a.jpg", "b.jpg"], new GoldenFolder(FolderPath).ListCandidates().Select(c => c.Name));
    }

    [Fact]
    public void DeleteOfMissingSampleIsNotFound()
    {
        GoldenFiles.Fill(FolderPath, "best_golden.jpg", "a.jpg");

        Assert.Equal(GoldenChangeResult.Refused(FailureKind.NotFound, "Sample file not found"), Ops().Delete("c.jpg"));
        Assert.Equal(GoldenChangeResult.Refused(FailureKind.Invalid, "Invalid filename"), Ops().Delete("../a.jpg"));
    }

    [Fact]
    public void ListIsBestFirstThenOrdinalWithImagesOnRequest()
    {
        var hashes = GoldenFiles.Fill(FolderPath, "b.jpg", "best_golden.jpg", "A.JPG", "a.jpg");
        File.WriteAllText(Path.Combine(FolderPath, "notes.txt"), "not a sample");

        var plain = Ops().List(includeImages: false);
        var withImages = Ops().List(includeImages: true);

        Assert.Equal(["best_golden.jpg", "A.JPG", "a.jpg", "b.jpg"], plain.Select(s => s.Name));
        Assert.Equal([true, false, false, false], plain.Select(s => s.IsBest));
        Assert.All(plain, s => Assert.Null(s.ImageData));
        Assert.All(withImages, s => Assert.Equal(hashes[s.Name], GoldenFiles.Hash(s.ImageData!)));
        Assert.All(plain, s => Assert.Equal(new FileInfo(Path.Combine(FolderPath, s.Name)).Length, s.FileSize));
    }

    [Fact]
    public void ReadRefusesNamesOutsideTheFolder()
    {
        GoldenFiles.Fill(FolderPath, "best_golden.jpg");
        GoldenFiles.Fill(Path.Combine(_root, "roi_2"), "best_golden.jpg");

        Assert.NotNull(Ops().Read("best_golden.jpg"));
        Assert.Null(Ops().Read("../roi_2/best_golden.jpg"));
        Assert.Null(Ops().Read("missing.jpg"));
    }
}
