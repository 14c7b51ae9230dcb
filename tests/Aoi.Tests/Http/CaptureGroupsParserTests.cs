using System.Text.Json.Nodes;
using Aoi.Grains.Options;
using Aoi.Web.Http;
using Aoi.Web.Images;
using Aoi.Web.Inspection;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Http;

/// <summary>captured_images entries (spec 6.5 rules 2 and 5), without a server.</summary>
public sealed class CaptureGroupsParserTests : IDisposable
{
    private const string Session = "5b0c2f4e-8a1d-4c59-9a57-0d3e6f1b2c77";
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("aoi-groups-");
    private readonly AoiPaths paths;
    private readonly CaptureGroupsParser parser;

    public CaptureGroupsParserTests()
    {
        paths = new AoiPaths(Options.Create(new AoiOptions { DataRoot = root.FullName }));
        var resolver = new ImageInputResolver(new SharedPathResolver(paths), new UploadedImageWriter(paths));
        parser = new CaptureGroupsParser(resolver);
    }

    public void Dispose() => root.Delete(recursive: true);

    private Task<CaptureGroupInput[]> Parse(string json) =>
        parser.ParseAsync(Session, JsonNode.Parse(json), TestContext.Current.CancellationToken);

    [Fact]
    public async Task EntriesKeepSubmissionOrderAndResolvePaths()
    {
        var groups = await Parse($$$"""
            {"260,650": {"focus": 260, "exposure": 650, "image_path": "/mnt/visual-aoi-shared/sessions/{{{Session}}}/captures/group_260_650.jpg"},
             "210,500": {"focus": "210", "exposure": "500", "image_filename": "capture_F210_E500.jpg", "rois": [1, 2]}}
            """);

        Assert.Equal(["260,650", "210,500"], groups.Select(g => g.Key));
        Assert.Equal(Path.Combine(paths.SharedRoot, "sessions", Session, "captures", "group_260_650.jpg"), groups[0].Image!.ServerPath);
        Assert.Equal((210, 500), (groups[1].Focus!.Value, groups[1].Exposure!.Value));
        Assert.Equal("capture_F210_E500.jpg", groups[1].Image!.DisplayPath);
        Assert.All(groups, g => Assert.Null(g.Error));
    }

    [Fact]
    public async Task FocusAndExposureFallBackToTheKey()
    {
        var groups = await Parse("""{"230,650": {"image_path": "a.jpg"}}""");
        Assert.Equal((230, 650), (groups[0].Focus!.Value, groups[0].Exposure!.Value));
    }

    [Fact]
    public async Task BadEntriesBecomeGroupErrors()
    {
        var groups = await Parse("""
            {"1,1": "not an object",
             "2,2": {"focus": 2, "exposure": 2},
             "x": {"image_path": "a.jpg"},
             "4,4": {"image": "%%%"}}
            """);

        Assert.Equal("Invalid capture group entry", groups[0].Error);
        Assert.Equal((1, 1), (groups[0].Focus!.Value, groups[0].Exposure!.Value));
        Assert.Equal("No image data in capture group", groups[1].Error);
        Assert.Equal("Missing focus/exposure", groups[2].Error);
        Assert.Null(groups[2].Focus);
        Assert.Equal("Invalid base64 image data", groups[3].Error);
    }

    [Fact]
    public async Task Base64GroupIsWrittenToTheSessionInputFolder()
    {
        var jpegHead = Convert.ToBase64String([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]);
        var groups = await Parse($$$"""{"5,5": {"image": "data:image/jpeg;base64,{{{jpegHead}}}"}}""");

        var path = groups[0].Image!.ServerPath;
        Assert.StartsWith(paths.SessionInput(Session), path);
        Assert.EndsWith(".jpg", path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task AnEscapingPathRejectsTheWholeRequestBeforeWritingUploads()
    {
        var jpegHead = Convert.ToBase64String([0xFF, 0xD8, 0xFF, 0xE0]);
        var ex = await Assert.ThrowsAsync<ApiException>(() => Parse($$$"""
            {"1,1": {"image": "{{{jpegHead}}}"},
             "2,2": {"image_path": "/mnt/visual-aoi-shared/../x.jpg"}}
            """));

        Assert.Equal(400, ex.Status);
        Assert.Equal("Invalid image path: outside shared folder", ex.Error);
        Assert.False(Directory.Exists(paths.SessionInput(Session)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    public async Task NoCapturedImagesIs400(string json)
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => Parse(json));
        Assert.Equal("No captured images provided", ex.Error);
    }
}
