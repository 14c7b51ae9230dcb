using Aoi.Grains.History;
using Aoi.Grains.Review;
using Aoi.Web.Apis;

namespace Aoi.Tests.Review;

/// <summary>What a failed ROI keeps for the review station, and how a queue item shows it.</summary>
public sealed class RoiDetailTests
{
    [Fact]
    public void TheDetailKeepsTheCoordinatesAndLeavesDefectAndChecksOutUntilTheEngineReportsThem()
    {
        var roi = new RoiDefinition(3, RoiDefinition.Compare, new RoiRect(10, 20, 110, 80), 305, 3000, 0.9, "mobilenet", 0, 1, null, false,
            null, null, 0, 0, null, true, null);
        var result = RoiResult.Failed(roi, "x") with { Compare = new CompareOutcome("Different", 0.5, 0.9) };

        var detail = RoiDetail.Parse(RoiDetail.Of(result))!;

        Assert.Equal([10, 20, 110, 80], detail[RoiDetail.Coordinates]!.AsArray().Select(v => (int)v!));
        Assert.Null(detail[RoiDetail.Defect]);
        Assert.Null(detail[RoiDetail.Checks]);
        Assert.Null(RoiDetail.Parse("not json"));
        Assert.Null(RoiDetail.Parse(null));
    }

    [Fact]
    public void AQueueItemCarriesTheStoredDefectAndChecksWhenPresent()
    {
        var item = new ReviewQueueItem("i1", DateTimeOffset.UnixEpoch, "P1", "st-1", "BC-1", 3, "compare", 1, 0.42, 0.9, "Different", null,
            "1970-01-01/P1/BC-1/i1", "roi_3.jpg", "golden_3.jpg",
            """{"coordinates":[1,2,3,4],"defect":"missing","checks":{"presence":{"value":0.1,"limit":0.5,"passed":false}}}""");
        var bare = item with { Detail = null };

        var json = ReviewJson.Item(item);
        var without = ReviewJson.Item(bare);

        Assert.Equal(("missing", 0.1, false), ((string)json["defect"]!, (double)json["checks"]!["presence"]!["value"]!,
            (bool)json["checks"]!["presence"]!["passed"]!));
        Assert.Equal((0.42, "Different"), ((double)json["ai_similarity"]!, (string)json["match_result"]!));
        Assert.Equal("/history-images/1970-01-01/P1/BC-1/i1/roi_3.jpg", (string)json["crop_url"]!);
        Assert.False(without.ContainsKey("defect"));
        Assert.False(without.ContainsKey("checks"));
        Assert.False(without.ContainsKey("coordinates"));
    }
}
