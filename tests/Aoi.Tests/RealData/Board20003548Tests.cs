using System.Diagnostics;
using System.Text.Json;
using Aoi.Tests.Demo;
using Aoi.Tests.TestSupport;
using ZXing;

namespace Aoi.Tests.RealData;

/// <summary>
/// Product 20003548 (4 devices × 3 compare + 1 barcode ROI) inspected on a full-frame board built from its own golden
/// library: every compare ROI gets its best golden, every barcode ROI a rendered label naming its device.
/// </summary>
[Collection(AoiServerHostCollection.Name)]
public sealed class Board20003548Tests
{
    private const string Product = "20003548";
    private const string BoardFile = "board_20003548.jpg";

    private static string LabelFor(int device) => $"20003548-0000003-1019720-10{device}";

    [Fact]
    public async Task FullFrameBoardPassesWithOneLabelledBarcodePerDevice()
    {
        var dataset = Datasets.RequireFeyes();
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("real-20003548");
        var productRoot = data.Sub("products");
        var sharedRoot = data.Sub("shared");
        CopyFolder(Path.Combine(dataset, Product), Path.Combine(productRoot, Product));
        Directory.CreateDirectory(sharedRoot);

        var rois = ReadRois(Path.Combine(productRoot, Product, $"rois_config_{Product}.json"));
        Assert.Equal(16, rois.Count);
        BuildBoard(rois, Path.Combine(productRoot, Product), Path.Combine(sharedRoot, BoardFile));

        await using var server = new AoiTestServer(data.Path, seedDemo: false, sharedRoot, productRoot);
        using var client = server.CreateClient();
        var session = await AoiTestServer.CreateSessionAsync(client, Product, ct);
        var clock = Stopwatch.StartNew();
        using var response = await AoiTestServer.InspectAsync(client, session, $"/mnt/visual-aoi-shared/{BoardFile}", ct);
        clock.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"20003548 full-frame inspection: {clock.ElapsedMilliseconds} ms over HTTP, server processing_time {response.RootElement.GetProperty("processing_time")} s");

        var root = response.RootElement;
        var results = root.GetProperty("roi_results").EnumerateArray().ToList();
        Assert.Equal(16, results.Count);
        Assert.All(results.Where(r => r.GetProperty("roi_type_name").GetString() == "compare"),
            r => Assert.True(r.GetProperty("passed").GetBoolean(), r.ToString()));

        var devices = root.GetProperty("device_summaries");
        Assert.Equal(["1", "2", "3", "4"], devices.EnumerateObject().Select(p => p.Name));
        foreach (var device in devices.EnumerateObject())
        {
            var d = int.Parse(device.Name);
            Assert.Equal(LabelFor(d), device.Value.GetProperty("barcode").GetString());
        }

        Assert.True(root.GetProperty("overall_result").GetProperty("passed").GetBoolean(), root.GetProperty("overall_result").ToString());
    }

    private static void BuildBoard(IReadOnlyList<(int Idx, int Type, RoiRect Coords, int Device)> rois, string productFolder, string boardPath)
    {
        using var board = new BoardBuilder();
        foreach (var roi in rois)
        {
            if (roi.Type == RoiDefinition.Compare)
            {
                board.Paste(Path.Combine(productFolder, "golden_rois", $"roi_{roi.Idx}", "best_golden.jpg"), roi.Coords);
            }
            else if (roi.Type == RoiDefinition.Barcode)
            {
                // The barcode ROIs are about 210 px square: a 28-character Code 128 needs ~360 modules and cannot fit,
                // so the label carries the same value as a QR code (the barcode engine reads every symbology).
                board.AddCodeLabel(roi.Coords, LabelFor(roi.Device), BarcodeFormat.QR_CODE);
                using var check = board.Crop(roi.Coords);
                Assert.Equal(LabelFor(roi.Device), CodeReader.Read(check)?.Text);
            }
        }

        board.SaveJpeg(boardPath);
    }

    private static List<(int Idx, int Type, RoiRect Coords, int Device)> ReadRois(string configFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(configFile));
        return doc.RootElement.EnumerateArray().Select(r =>
        {
            var c = r.GetProperty("coords").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            return (r.GetProperty("idx").GetInt32(), r.GetProperty("type").GetInt32(), new RoiRect(c[0], c[1], c[2], c[3]),
                r.GetProperty("device_location").GetInt32());
        }).ToList();
    }

    /// <summary>Import as the spec describes it (4.1): the legacy folder copied as it is.</summary>
    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
