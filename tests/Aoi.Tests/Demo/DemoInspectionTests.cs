using System.Text.Json;
using Aoi.Grains.Demo;

namespace Aoi.Tests.Demo;

/// <summary>The README's demo: a fresh server seeds DEMO-BOARD, the demo picture passes and the faulty one fails.</summary>
[Collection(AoiServerHostCollection.Name)]
public sealed class DemoInspectionTests
{
    private static readonly DemoProductExpectations Expected = DemoProductGenerator.Expectations;

    [Fact]
    public async Task SeededDemoPicturePassesAndFaultyPictureFailsTheMissingPart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("demo-http");
        await using var server = new AoiTestServer(data.Path, seedDemo: true);
        using var client = server.CreateClient();
        var session = await AoiTestServer.CreateSessionAsync(client, Expected.ProductName, ct);

        using (var good = await AoiTestServer.InspectAsync(client, session, ClientPath(Expected.DemoPicture), ct))
        {
            var root = good.RootElement;
            var results = root.GetProperty("roi_results").EnumerateArray().ToList();
            Assert.Equal(6, results.Count);
            Assert.All(results, r => Assert.True(r.GetProperty("passed").GetBoolean(), r.ToString()));
            Assert.True(root.GetProperty("overall_result").GetProperty("passed").GetBoolean());
            var device = root.GetProperty("device_summaries").GetProperty("1");
            Assert.Equal(Expected.BarcodeText, device.GetProperty("barcode").GetString());
            Assert.Equal($"roi:{Expected.BarcodeRoiId}", device.GetProperty("barcode_source").GetString());
        }

        using (var faulty = await AoiTestServer.InspectAsync(client, session, ClientPath(Expected.FaultyPicture), ct))
        {
            var root = faulty.RootElement;
            Assert.False(root.GetProperty("overall_result").GetProperty("passed").GetBoolean());
            foreach (var r in root.GetProperty("roi_results").EnumerateArray())
            {
                var id = r.GetProperty("roi_id").GetInt32();
                Assert.Equal(id != Expected.MissingPartRoiId, r.GetProperty("passed").GetBoolean());
                if (id == Expected.MissingPartRoiId)
                {
                    Assert.Equal("Different", r.GetProperty("match_result").GetString());
                }
            }
        }
    }

    private static string ClientPath(string relative) => "/mnt/visual-aoi-shared/" + relative;
}
