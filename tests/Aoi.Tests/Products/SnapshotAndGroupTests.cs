using Aoi.Grains.Products;

namespace Aoi.Tests.Products;

/// <summary>LoadSnapshot (spec 2.5) and capture groups (spec 2.7, 8 cases 11 and 13).</summary>
public sealed class SnapshotAndGroupTests : IDisposable
{
    private readonly TempProductRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Case11_DisabledRoiIsInNoGroupAndNoCount()
    {
        _root.WriteConfig("G", """
            [{"idx":1,"type":2,"coords":[0,0,10,10],"focus":230,"exposure":650},
             {"idx":2,"type":2,"coords":[0,0,10,10],"focus":230,"exposure":650,"enabled":false},
             {"idx":3,"type":2,"coords":[0,0,10,10],"focus":999,"exposure":1,"enabled":false}]
            """);

        var snapshot = _root.Store.LoadSnapshot("G").Snapshot!;
        var groups = CaptureGroups.Build(snapshot.Rois);

        Assert.Equal(3, snapshot.Rois.Length); // listed, but skipped by grouping
        var group = Assert.Single(groups);
        Assert.Equal("230,650", group.Key);
        Assert.Equal([1], group.Rois.Select(r => r.Idx));
    }

    [Fact]
    public void Case13_GroupsFollowFirstAppearance()
    {
        _root.WriteConfig("G", """
            [{"idx":1,"type":2,"coords":[0,0,10,10],"focus":210,"exposure":500},
             {"idx":2,"type":2,"coords":[0,0,10,10],"focus":"230","exposure":650.0},
             [3,1,[0,0,10,10],210,500,null],
             {"idx":4,"type":3,"coords":[0,0,10,10],"focus":260,"exposure":"650"}]
            """);

        var groups = CaptureGroups.Build(_root.Store.LoadSnapshot("G").Snapshot!.Rois);

        Assert.Equal(["210,500", "230,650", "260,650"], groups.Select(g => g.Key));
        Assert.Equal([1, 3], groups[0].Rois.Select(r => r.Idx));
        Assert.Equal((260, 650), (groups[2].Focus, groups[2].Exposure));
    }

    [Fact]
    public void MissingProductIsNotFound()
    {
        var result = _root.Store.LoadSnapshot("absent");

        Assert.True(result.NotFound);
        Assert.Null(result.Snapshot);
        Assert.True(_root.Store.LoadSnapshot("../x").NotFound);
    }

    [Theory]
    [InlineData("not json", "ROI configuration is not valid JSON")]
    [InlineData("""{"rois":[]}""", "ROI configuration must be a JSON array of ROIs")]
    [InlineData("""[{"idx":1,"type":2,"coords":[0,0,10,10],"exposure":1.5}]""", "ROI 0 (idx=1): Invalid field value: exposure must be an integer")]
    public void UnusableFileGivesMessagesAndNoSnapshot(string json, string expectedStart)
    {
        _root.WriteConfig("U", json);

        var result = _root.Store.LoadSnapshot("U");

        Assert.False(result.NotFound);
        Assert.Null(result.Snapshot);
        Assert.StartsWith(expectedStart, Assert.Single(result.ValidationErrors));
    }

    [Fact]
    public void InvalidSingleRoiIsListedWithConfigError()
    {
        _root.WriteConfig("U", """
            [{"idx":1,"type":2,"coords":[0,0,10,10]},
             {"idx":2,"type":4,"coords":[0,0,10,10]},
             {"idx":3,"type":7,"coords":[0,0,10,10]}]
            """);

        var result = _root.Store.LoadSnapshot("U");

        Assert.Empty(result.ValidationErrors);
        var rois = result.Snapshot!.Rois;
        Assert.Equal([1, 2, 3], rois.Select(r => r.Idx));
        Assert.Null(rois[0].ConfigError);
        Assert.Equal("ROI 1 (idx=2): Color ROI (type 4) must have 'expected_color' or 'color_ranges'", rois[1].ConfigError);
        Assert.Equal("unknown", rois[2].TypeName);
        Assert.NotNull(rois[2].ConfigError);
    }

    [Fact]
    public void SnapshotReflectsTheFileOnEveryCallAndTheStampMoves()
    {
        _root.WriteConfig("S", """[{"idx":1,"type":2,"coords":[0,0,10,10]}]""");
        var first = _root.Store.LoadSnapshot("S").Snapshot!;
        var stamp = _root.Store.FileStamp("S");

        _root.Store.SaveRois("S", """[{"idx":1,"type":2,"coords":[0,0,10,10]},{"idx":2,"type":1,"coords":[0,0,10,10]}]""");

        Assert.Single(first.Rois);
        Assert.Equal(2, _root.Store.LoadSnapshot("S").Snapshot!.Rois.Length);
        Assert.NotNull(stamp);
        Assert.NotEqual(stamp, _root.Store.FileStamp("S"));
        Assert.Null(_root.Store.FileStamp("absent"));
        Assert.Equal(_root.Paths.ProductFolder("S"), first.ProductFolder);
    }
}
