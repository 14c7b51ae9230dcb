using System.Text.Json.Nodes;
using System.Diagnostics;
using Aoi.Tests.Inspection.Support;
using Aoi.Tests.TestSupport;
using OpenCvSharp;

namespace Aoi.Tests.Grains;

[Collection(InspectionClusterCollection.Name)]
public sealed class InspectionSessionGrainTests(InspectionClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly int[] Red = [255, 0, 0];
    private static readonly Scalar RedBgr = TestImages.Rgb(255, 0, 0);
    private static readonly Scalar GreenBgr = TestImages.Rgb(0, 255, 0);

    private static InspectionRequest Single(ImageInput image, DeviceBarcodeInput? barcodes = null) =>
        InspectionRequest.Single(image, barcodes ?? DeviceBarcodeInput.None, DateTimeOffset.UtcNow);

    private static InspectionRequest Grouped(params CaptureGroupInput[] groups) =>
        InspectionRequest.Grouped(groups, DeviceBarcodeInput.None, DateTimeOffset.UtcNow);

    private static (FailureKind?, string?) Refusal(InspectionOutcome outcome) => (outcome.Failure?.Kind, outcome.Failure?.Error);

    private static Mat RedBlocks(params RoiRect[] red) =>
        TestImages.Frame(400, 300, GreenBgr, red.Select(r => (r, RedBgr)).ToArray());

    [Fact]
    public async Task ThrowingAndOverBudgetRoisFailAloneWhileTheOthersAreJudgedOnTheirCrops()
    {
        cluster.Engine.Reset();
        var product = cluster.AddProduct(
            TestRois.Make(1, 10, 10, 60, 40, expectedColor: Red),
            TestRois.Make(2, 100, 10, 180, 70, expectedColor: Red, device: 2),
            TestRois.Make(3, 200, 10, 240, 50, expectedColor: Red, device: 2), // green there: a correct fail
            TestRois.Make(4, 10, 100, 60, 140, expectedColor: Red, script: "throw"),
            TestRois.Make(5, 100, 100, 160, 160, expectedColor: Red, script: "slow", device: 3),
            TestRois.Make(6, 10, 200, 50, 230, expectedColor: Red, enabled: false));
        var session = await cluster.NewSessionAsync(product);
        using var frame = RedBlocks(new RoiRect(0, 0, 190, 300));
        var image = cluster.WriteCapture(session, "frame.png", frame);

        var outcome = await cluster.Session(session).InspectAsync(Single(image), null, Ct);

        Assert.Null(outcome.Failure);
        var results = outcome.Response!.RoiResults;
        Assert.Equal([1, 2, 3, 4, 5], results.Select(r => r.RoiId));
        Assert.True(results[0].Passed && results[1].Passed, results[0].Error ?? results[1].Error);
        Assert.False(results[2].Passed);
        Assert.Null(results[2].Error);
        Assert.Equal("color processing failed: engine exploded", results[3].Error);
        Assert.Equal($"color processing failed: timed out after {InspectionClusterFixture.RoiTimeoutSeconds} s", results[4].Error);
        Assert.Equal(3, results[4].DeviceId);
        Assert.Equal(new OverallResult(false, 5, 2, 3), outcome.Response.Overall);
        Assert.Equal([1, 2, 3], outcome.Response.Devices.Select(d => d.DeviceId));
        Assert.Equal(new OverallResult(false, 2, 1, 1), outcome.Response.Devices[1].Counts);

        // Case 48: every crop is written with its size and returned under the client prefix.
        var output = Path.Combine(cluster.SharedRoot, "sessions", session, "output");
        Assert.Equal($"/mnt/visual-aoi-shared/sessions/{session}/output/roi_2.jpg", results[1].RoiImagePath);
        using var roi2 = Cv2.ImRead(Path.Combine(output, "roi_2.jpg"));
        Assert.Equal((80, 60), (roi2.Width, roi2.Height));
        Assert.False(File.Exists(Path.Combine(output, "roi_6.jpg")));

        var status = await cluster.Session(session).GetStatusAsync();
        Assert.Equal(1, status!.InspectionCount);
        Assert.False(status.Busy);
    }

    [Fact]
    public async Task AnEngineThatIgnoresItsBudgetIsAnsweredAtTheInspectionDeadlineNeverPassed()
    {
        cluster.Engine.Reset();
        var product = cluster.AddProduct(
            TestRois.Make(1, 10, 10, 60, 40, expectedColor: Red),
            TestRois.Make(2, 100, 100, 160, 160, expectedColor: Red, script: "hang"));
        var session = await cluster.NewSessionAsync(product);
        using var frame = RedBlocks(new RoiRect(0, 0, 400, 300));

        var outcome = await cluster.Session(session).InspectAsync(Single(cluster.WriteCapture(session, "hang.png", frame)), null, Ct);

        await cluster.Engine.ReleaseHangsAsync(); // the worker it held is free again for the other tests
        var hung = outcome.Response!.RoiResults.Single(r => r.RoiId == 2);
        Assert.False(hung.Passed);
        Assert.Equal($"color processing failed: not finished within the inspection budget of {InspectionClusterFixture.InspectionBudgetSeconds} s", hung.Error);
        Assert.False(outcome.Response.Overall.Passed);
        Assert.False((await cluster.Session(session).GetStatusAsync())!.Busy);
    }

    [Fact]
    public async Task ConcurrentRoiWorkIsBoundedByTheConfiguredWorkerPool()
    {
        var bound = InspectionClusterFixture.RoiParallelism;
        cluster.Engine.Reset(concurrencyTarget: bound);
        var rois = Enumerable.Range(1, 3 * bound)
            .Select(i => TestRois.Make(i, i * 10, 10, (i * 10) + 8, 40, expectedColor: Red, script: "count"))
            .ToArray();
        var product = cluster.AddProduct(rois);
        var session = await cluster.NewSessionAsync(product);
        using var frame = RedBlocks(new RoiRect(0, 0, 400, 300));

        var outcome = await cluster.Session(session).InspectAsync(Single(cluster.WriteCapture(session, "f.png", frame)), null, Ct);

        // Aoi:RoiParallelism (one more than the cores, the attribute's default) is reached and never exceeded.
        Assert.Equal(bound, cluster.Engine.Probe.Max);
        Assert.Equal(new OverallResult(true, rois.Length, rois.Length, 0), outcome.Response!.Overall);
        Assert.Equal(rois.Length, cluster.Engine.Probe.Entries);
    }

    [Fact]
    public async Task AWorkerStaysTakenUntilItsEngineHasStoppedEvenPastTheBudget()
    {
        var bound = InspectionClusterFixture.RoiParallelism;
        cluster.Engine.Reset(concurrencyTarget: bound);
        // The late ROI is the largest, so it is dispatched first; the short ones keep the other workers busy until
        // well after its budget ran out, while it goes on computing.
        var rois = new[] { TestRois.Make(1, 0, 0, 100, 100, expectedColor: Red, script: "late") }
            .Concat(Enumerable.Range(2, 12 * bound).Select(i => TestRois.Make(i, 100 + (i % 30) * 10, i, 100 + (i % 30) * 10 + 8, i + 30, expectedColor: Red, script: "linger")))
            .ToArray();
        var product = cluster.AddProduct(rois);
        var session = await cluster.NewSessionAsync(product);
        using var frame = RedBlocks(new RoiRect(0, 0, 400, 300));

        var outcome = await cluster.Session(session).InspectAsync(Single(cluster.WriteCapture(session, "late.png", frame)), null, Ct);

        // While the late engine went on past its budget it still held its worker: at most the bound ran at once.
        Assert.Equal(bound, cluster.Engine.Probe.Max);
        Assert.True(cluster.Engine.LateCancelled.IsCompleted);
        Assert.Equal($"color processing failed: timed out after {InspectionClusterFixture.RoiTimeoutSeconds} s", outcome.Response!.RoiResults[0].Error);
        Assert.All(outcome.Response.RoiResults.Skip(1), r => Assert.True(r.Passed, r.Error));
    }

    [Fact]
    public async Task SecondInspectionOfABusySessionIsRefusedWhileOtherSessionsRun()
    {
        // Case 45.
        cluster.Engine.Reset();
        var holding = cluster.AddProduct(TestRois.Make(1, 10, 10, 50, 50, expectedColor: Red, script: "hold"));
        var plain = cluster.AddProduct(TestRois.Make(1, 10, 10, 50, 50, expectedColor: Red));
        var busy = await cluster.NewSessionAsync(holding);
        var other1 = await cluster.NewSessionAsync(plain);
        var other2 = await cluster.NewSessionAsync(plain);
        using var frame = RedBlocks(new RoiRect(0, 0, 100, 100));

        var first = cluster.Session(busy).InspectAsync(Single(cluster.WriteCapture(busy, "a.png", frame)), null, Ct);
        await cluster.Engine.Held.WaitAsync(TestContext.Current.CancellationToken);
        var second = await cluster.Session(busy).InspectAsync(Single(cluster.WriteCapture(busy, "b.png", frame)), null, Ct);
        var grouped = await cluster.Session(busy).InspectAsync(Grouped(
            new CaptureGroupInput("305,3000", 305, 3000, cluster.WriteCapture(busy, "c.png", frame), null)), null, Ct);
        var close = await cluster.Session(busy).CloseAsync();
        var busyStatus = await cluster.Session(busy).GetStatusAsync();
        var others = await Task.WhenAll(
            cluster.Session(other1).InspectAsync(Single(cluster.WriteCapture(other1, "a.png", frame)), null, Ct),
            cluster.Session(other2).InspectAsync(Single(cluster.WriteCapture(other2, "a.png", frame)), null, Ct));
        cluster.Engine.ReleaseHeld();
        var firstOutcome = await first;

        Assert.Equal((FailureKind.Busy, "Another inspection is in progress"), Refusal(second));
        Assert.Equal((FailureKind.Busy, "Another inspection is in progress"), Refusal(grouped));
        Assert.Equal(FailureKind.Busy, close.Failure?.Kind);
        Assert.True(busyStatus!.Busy);
        Assert.All(others, o => Assert.Null(o.Failure));
        Assert.Null(firstOutcome.Failure);
        Assert.True(firstOutcome.Response!.Overall.Passed, string.Join("; ", firstOutcome.Response.RoiResults.Select(r => r.Error)));
        Assert.Equal(1, (await cluster.Session(busy).GetStatusAsync())!.InspectionCount);
    }

    [Fact]
    public async Task GroupedInspectionAnswersEveryEnabledRoiExactlyOnce()
    {
        // Cases 42 and 43: groups 1–2 sent, group 3 with a missing file, group 4 not sent; plus a duplicate of
        // group 1 and a group no ROI uses.
        var product = cluster.AddProduct(
            TestRois.Make(1, 10, 10, 50, 50, focus: 210, exposure: 500, expectedColor: Red),
            TestRois.Make(2, 60, 10, 100, 50, focus: 210, exposure: 500, expectedColor: Red, device: 2),
            TestRois.Make(3, 10, 10, 50, 50, focus: 230, exposure: 650, expectedColor: Red),
            TestRois.Make(4, 10, 10, 50, 50, focus: 260, exposure: 650, expectedColor: Red, device: 2),
            TestRois.Make(5, 10, 10, 50, 50, focus: 300, exposure: 700, expectedColor: Red),
            TestRois.Make(6, 10, 10, 50, 50, focus: 210, exposure: 500, expectedColor: Red, enabled: false));
        var session = await cluster.NewSessionAsync(product);
        using var red = RedBlocks(new RoiRect(0, 0, 400, 300));
        using var green = RedBlocks();
        var missing = cluster.MissingCapture(session, "group_260_650.jpg");
        CaptureGroupInput[] groups =
        [
            new("210,500", 210, 500, cluster.WriteCapture(session, "group_210_500.png", red), null),
            new("230,650", 230, 650, cluster.WriteCapture(session, "group_230_650.png", red), null),
            new("260,650", 260, 650, missing, null),
            new("999,999", 999, 999, cluster.WriteCapture(session, "group_999_999.png", red), null),
            new("210,0500", 210, 500, cluster.WriteCapture(session, "dup.png", green), null),
        ];

        var outcome = await cluster.Session(session).InspectAsync(Grouped(groups), null, Ct);

        Assert.Null(outcome.Failure);
        var response = outcome.Response!;
        Assert.Equal(["210,500", "230,650", "260,650", "999,999", "210,0500"], response.Groups!.Select(g => g.Key));
        Assert.Equal(new OverallResult(true, 2, 2, 0), response.Groups![0].Overall);
        Assert.Equal(new OverallResult(true, 1, 1, 0), response.Groups![1].Overall);
        var failedGroup = response.Groups![2];
        Assert.Equal(((int?)260, (int?)650, $"Image file not found: {missing.DisplayPath}"), (failedGroup.Focus, failedGroup.Exposure, failedGroup.Error));
        Assert.Null(failedGroup.Overall);
        Assert.Equal("no ROI uses this focus/exposure", response.Groups![3].Warning);
        Assert.Null(response.Groups![3].Error);
        Assert.Equal("Duplicate capture group", response.Groups![4].Error);

        Assert.Equal([1, 2, 3, 4, 5], response.RoiResults.Select(r => r.RoiId));
        Assert.Equal(["210,500", "210,500", "230,650", "260,650", "300,700"], response.RoiResults.Select(r => r.Group));
        Assert.True(response.RoiResults[0].Passed && response.RoiResults[1].Passed); // the green duplicate changed nothing
        Assert.Equal($"Image file not found: {missing.DisplayPath}", response.RoiResults[3].Error);
        Assert.Equal(2, response.RoiResults[3].DeviceId);
        Assert.Equal("not captured", response.RoiResults[4].Error);
        Assert.Equal(new OverallResult(false, 5, 3, 2), response.Overall);
        Assert.Equal(session, response.SessionId);
        Assert.Equal(product, response.ProductName);
    }

    [Fact]
    public async Task ProcessingTimeIsMeasuredFromReceiptNotFromSessionCreation()
    {
        // Case 44.
        var product = cluster.AddProduct(TestRois.Make(1, 10, 10, 50, 50, expectedColor: Red));
        var session = await cluster.NewSessionAsync(product);
        using var frame = RedBlocks(new RoiRect(0, 0, 100, 100));
        var image = cluster.WriteCapture(session, "g.png", frame);
        var wall = Stopwatch.StartNew();
        var received = DateTimeOffset.UtcNow;

        var outcome = await cluster.Session(session).InspectAsync(InspectionRequest.Grouped(
            [new CaptureGroupInput("305,3000", 305, 3000, image, null)], DeviceBarcodeInput.None, received), null, Ct);
        var elapsed = wall.Elapsed.TotalSeconds;

        Assert.InRange(outcome.Response!.ProcessingTime, 0.0, elapsed + 0.001);
        Assert.InRange(outcome.Response.Timestamp, received.ToUnixTimeMilliseconds() / 1000.0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
    }

    [Fact]
    public async Task SmallPictureFailsEveryRealRoiOutsideTheImageUnderItsOwnDevice()
    {
        // Case 15 with the real configuration of product 20003548.
        var rois = RealProducts.LoadRois(Datasets.RequireFeyes(), "20003548");
        var product = cluster.AddProduct(rois);
        var session = await cluster.NewSessionAsync(product);
        using var small = TestImages.Frame(640, 480, GreenBgr);

        var outcome = await cluster.Session(session).InspectAsync(Single(cluster.WriteCapture(session, "small.jpg", small)), null, Ct);

        Assert.Null(outcome.Failure);
        var response = outcome.Response!;
        Assert.Equal(16, response.RoiResults.Length);
        Assert.All(response.RoiResults, r => Assert.Contains("outside the image", r.Error));
        Assert.Equal([1, 2, 3, 4], response.Devices.Select(d => d.DeviceId));
        Assert.All(response.Devices, d => Assert.Equal(new OverallResult(false, 4, 0, 4), d.Counts));
        Assert.Equal(new OverallResult(false, 16, 0, 16), response.Overall);
        Assert.All(response.RoiResults, r => Assert.Equal(rois.Single(d => d.Idx == r.RoiId).DeviceLocation, r.DeviceId));
    }

    [Fact]
    public async Task ProductWithoutEnabledRoisGivesAnEmptyFailedResult()
    {
        // Case 39 through the session.
        var product = cluster.AddProduct(TestRois.Make(1, 10, 10, 50, 50, enabled: false));
        var session = await cluster.NewSessionAsync(product);
        using var frame = RedBlocks();

        var outcome = await cluster.Session(session).InspectAsync(Single(cluster.WriteCapture(session, "e.png", frame)), null, Ct);

        Assert.Null(outcome.Failure);
        Assert.Empty(outcome.Response!.RoiResults);
        Assert.Empty(outcome.Response.Devices);
        Assert.Equal(new OverallResult(false, 0, 0, 0), outcome.Response.Overall);
    }

    [Fact]
    public async Task ImageErrorsComeBeforeProductErrorsAndAreNotCountedAsInspections()
    {
        var product = cluster.AddProduct(TestRois.Make(1, 10, 10, 50, 50, expectedColor: Red));
        var session = await cluster.NewSessionAsync(product);
        var grain = cluster.Session(session);
        var missing = cluster.MissingCapture(session, "none.jpg");
        cluster.Products.Set(product, new SnapshotResult(null, false, ["ROI 0 (idx=1): Missing required field: type"]));

        var noImage = await grain.InspectAsync(Single(missing), null, Ct);
        using var frame = RedBlocks();
        var invalid = await grain.InspectAsync(Single(cluster.WriteCapture(session, "x.png", frame)), null, Ct);
        cluster.Products.Set(product, new SnapshotResult(null, true, []));
        var gone = await grain.InspectAsync(Single(cluster.WriteCapture(session, "y.png", frame)), null, Ct);

        Assert.Equal((FailureKind.NotFound, $"Image file not found: {missing.DisplayPath}"), Refusal(noImage));
        Assert.Equal((FailureKind.ValidationFailed, "ROI configuration invalid"), Refusal(invalid));
        Assert.Equal(["ROI 0 (idx=1): Missing required field: type"], invalid.Failure!.ValidationErrors!);
        Assert.Equal((FailureKind.NotFound, $"Product not found: {product}"), Refusal(gone));
        Assert.Equal(0, (await grain.GetStatusAsync())!.InspectionCount);
    }

    [Fact]
    public async Task SessionLifecycleCreatesAndRemovesItsFolder()
    {
        Assert.Null(await cluster.Session(Guid.NewGuid().ToString()).CreateAsync("no-such-product", []));
        var unknown = cluster.Session(Guid.NewGuid().ToString());
        Assert.Null(await unknown.GetStatusAsync());
        Assert.Equal(FailureKind.NotFound, (await unknown.CloseAsync()).Failure?.Kind);
        using var frame = RedBlocks();
        Assert.Equal((FailureKind.NotFound, "Session not found"), Refusal(await unknown.InspectAsync(Single(new ImageInput("/x", "/x")), null, Ct)));

        var product = cluster.AddProduct(TestRois.Make(1, 10, 10, 50, 50, expectedColor: Red));
        var id = await cluster.NewSessionAsync(product);
        var folder = Path.Combine(cluster.SharedRoot, "sessions", id);
        Assert.True(Directory.Exists(Path.Combine(folder, "input")));
        Assert.True(Directory.Exists(Path.Combine(folder, "output")));
        Assert.True(Directory.Exists(Path.Combine(folder, "captures")));
        var status = await cluster.Session(id).GetStatusAsync();
        Assert.Equal((id, product, "{\"client_id\":\"test\"}", 0, false),
            (status!.SessionId, status.ProductName, status.ClientInfo.ToJsonString(), status.InspectionCount, status.Busy));

        await cluster.Session(id).InspectAsync(Single(cluster.WriteCapture(id, "a.png", frame)), null, Ct);
        var closed = await cluster.Session(id).CloseAsync();

        Assert.Equal((null, 1, true), (closed.Failure, closed.InspectionCount, closed.DirectoryCleaned));
        Assert.False(Directory.Exists(folder));
        Assert.Null(await cluster.Session(id).GetStatusAsync());
        Assert.Equal(FailureKind.NotFound, (await cluster.Session(id).CloseAsync()).Failure?.Kind);
    }

    [Fact]
    public async Task IdleSessionExpiresOnlyAfterTheTimeout()
    {
        var product = cluster.AddProduct(TestRois.Make(1, 10, 10, 50, 50, expectedColor: Red));
        var id = await cluster.NewSessionAsync(product);

        Assert.False(await cluster.Session(id).ExpireIfIdleAsync(TimeSpan.FromHours(1)));
        Assert.NotNull(await cluster.Session(id).GetStatusAsync());
        Assert.True(await cluster.Session(id).ExpireIfIdleAsync(TimeSpan.Zero));
        Assert.Null(await cluster.Session(id).GetStatusAsync());
        Assert.False(Directory.Exists(Path.Combine(cluster.SharedRoot, "sessions", id)));
    }
}
