using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Aoi.Grains.Demo;

namespace Aoi.Tests.Browser;

/// <summary>
/// POST /api/session/{id}/inspections and its Server-Sent Events stream, plus the pages' picture endpoints, over a
/// real socket against the demo product.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AsyncInspectionApiTests(BrowserFixture fixture) : IDisposable
{
    private static readonly DemoProductExpectations Demo = DemoProductGenerator.Expectations;
    private readonly HttpClient _http = new() { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAnswers202AndTheStreamReportsEveryRoiThenTheVerdict()
    {
        var session = await CreateSessionAsync();
        using var start = await _http.PostAsJsonAsync($"/api/session/{session}/inspections",
            new { image_path = "/mnt/visual-aoi-shared/" + Demo.FaultyPicture }, Ct);
        var started = await JsonAsync(start, HttpStatusCode.Accepted);
        var id = (string)started["inspection_id"]!;
        Assert.Equal($"/api/live-inspections/{id}", start.Headers.Location?.OriginalString);
        Assert.Equal(Demo.FaultyPicture, (string?)started["picture"]);

        var events = await ReadEventsAsync((string)started["events_url"]!, null);
        Assert.Equal("started", events[0].EventType);
        var rois = events.Where(e => e.EventType == "roi").Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal(Demo.RoiRects.Keys.Order(), rois.Select(r => (int)r["roi_id"]!).Order());
        Assert.All(rois, r => Assert.Equal((int)r["roi_id"]! != Demo.MissingPartRoiId, (bool)r["passed"]!));
        var done = events[^1];
        Assert.Equal("done", done.EventType);
        Assert.Equal(events.Count - 1, events.FindIndex(e => e.EventType == "done"));
        var verdict = JsonNode.Parse(done.Data)!;
        Assert.Equal("FAIL", (string?)verdict["verdict"]);
        Assert.Equal(Demo.RoiRects.Count, (int)verdict["response"]!["overall_result"]!["total_rois"]!);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            events.Select(e => e.EventId));

        // A watcher reconnecting after event 2 gets only the rest.
        var rest = await ReadEventsAsync((string)started["events_url"]!, "2");
        Assert.Equal("3", rest[0].EventId);
        Assert.Equal(events.Count - 3, rest.Count);

        var state = JsonNode.Parse(await _http.GetStringAsync($"/api/live-inspections/{id}", Ct))!;
        Assert.Equal("done", (string?)state["state"]);
        Assert.Equal("FAIL", (string?)state["verdict"]);
        Assert.Equal(Demo.RoiRects.Count, state["roi_results"]!.AsArray().Count);
        var recent = JsonNode.Parse(await _http.GetStringAsync("/api/live-inspections", Ct))!;
        Assert.Contains(recent["inspections"]!.AsArray(), r => (string?)r!["inspection_id"] == id);

        var status = JsonNode.Parse(await _http.GetStringAsync($"/api/session/{session}", Ct))!;
        Assert.Equal(1, (int)status["inspection_count"]!);
    }

    [Fact]
    public async Task AnUndecodablePictureEndsTheStreamWithAFailedEvent()
    {
        var session = await CreateSessionAsync();
        var name = $"not-a-picture-{Guid.NewGuid():N}.jpg";
        await File.WriteAllTextAsync(Path.Combine(fixture.Server.SharedRoot, name), "plain text", Ct);
        using var start = await _http.PostAsJsonAsync($"/api/session/{session}/inspections", new { image_path = name }, Ct);
        var started = await JsonAsync(start, HttpStatusCode.Accepted);

        var events = await ReadEventsAsync((string)started["events_url"]!, null);
        Assert.Equal(["started", "failed"], events.Select(e => e.EventType));
        var failed = JsonNode.Parse(events[1].Data)!;
        Assert.Equal(415, (int)failed["status"]!);
        Assert.Equal("Unsupported image format or corrupt image", (string?)failed["error"]);
    }

    [Fact]
    public async Task BadStartsAnswerAtOnceWithTheLegacyErrors()
    {
        var session = await CreateSessionAsync();
        await ExpectErrorAsync(await _http.PostAsJsonAsync("/api/session/00000000-0000-4000-8000-000000000000/inspections",
            new { image_path = Demo.DemoPicture }, Ct), HttpStatusCode.NotFound, "Session not found");
        await ExpectErrorAsync(await _http.PostAsJsonAsync($"/api/session/{session}/inspections", new { device_barcode = "X1" }, Ct),
            HttpStatusCode.BadRequest, "Image data is required (image_path, image_filename, image or multipart image)");
        await ExpectErrorAsync(await _http.PostAsJsonAsync($"/api/session/{session}/inspections", new { image_path = "demo/none.jpg" }, Ct),
            HttpStatusCode.NotFound, "Image file not found: demo/none.jpg");
        await ExpectErrorAsync(await _http.PostAsJsonAsync($"/api/session/{session}/inspections", new { image_path = "/etc/passwd" }, Ct),
            HttpStatusCode.BadRequest, "Invalid image path: outside shared folder");
        await ExpectErrorAsync(await _http.GetAsync("/api/live-inspections/unknown/events", Ct), HttpStatusCode.NotFound, "Inspection not found");
    }

    [Fact]
    public async Task PicturesPreviewAndCropServeSmallJpegsOfSharedPictures()
    {
        var list = JsonNode.Parse(await _http.GetStringAsync("/api/ui/pictures", Ct))!["pictures"]!.AsArray();
        var paths = list.Select(p => (string)p!["path"]!).ToList();
        Assert.Contains(Demo.DemoPicture, paths);
        Assert.Contains(Demo.FaultyPicture, paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("sessions/", StringComparison.Ordinal));

        var file = Path.Combine(fixture.Server.SharedRoot, Demo.DemoPicture);
        var size = Aoi.Grains.Imaging.ImageHeaderReader.TryReadSize(await File.ReadAllBytesAsync(file, Ct))!.Value;
        using var preview = await _http.GetAsync($"/api/ui/preview?path={Uri.EscapeDataString(Demo.DemoPicture)}&width=800", Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("image/jpeg", preview.Content.Headers.ContentType?.MediaType);
        Assert.Equal(size.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), preview.Headers.GetValues("X-Image-Width").Single());
        Assert.Equal(size.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), preview.Headers.GetValues("X-Image-Height").Single());
        var previewSize = Aoi.Grains.Imaging.ImageHeaderReader.TryReadSize(await preview.Content.ReadAsByteArrayAsync(Ct))!.Value;
        Assert.Equal(800, previewSize.Width);

        var rect = Demo.RoiRects[Demo.MissingPartRoiId];
        using var crop = await _http.GetAsync(
            $"/api/ui/crop?path={Uri.EscapeDataString(Demo.DemoPicture)}&x1={rect.X1}&y1={rect.Y1}&x2={rect.X2}&y2={rect.Y2}&size=4000", Ct);
        Assert.Equal(HttpStatusCode.OK, crop.StatusCode);
        var cropSize = Aoi.Grains.Imaging.ImageHeaderReader.TryReadSize(await crop.Content.ReadAsByteArrayAsync(Ct))!.Value;
        Assert.Equal((rect.X2 - rect.X1, rect.Y2 - rect.Y1), cropSize);

        await ExpectErrorAsync(await _http.GetAsync("/api/ui/preview?path=../../etc/passwd", Ct), HttpStatusCode.BadRequest,
            "Invalid image path: outside shared folder");
        await ExpectErrorAsync(await _http.GetAsync("/api/ui/preview", Ct), HttpStatusCode.BadRequest, "path is required");
        await ExpectErrorAsync(await _http.GetAsync("/api/ui/crop?path=demo/none.jpg&x1=0&y1=0&x2=5&y2=5", Ct), HttpStatusCode.NotFound,
            "Image file not found: demo/none.jpg");
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> CreateSessionAsync()
    {
        using var response = await _http.PostAsJsonAsync("/api/session/create", new { product_name = Demo.ProductName }, Ct);
        return (string)(await JsonAsync(response, HttpStatusCode.OK))["session_id"]!;
    }

    private async Task<List<SseItem<string>>> ReadEventsAsync(string url, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var items = new List<SseItem<string>>();
        // The server ends the stream after the last event, so reading to the end terminates.
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(Ct))
        {
            items.Add(item);
        }

        return items;
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task ExpectErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        using (response)
        {
            var body = await JsonAsync(response, status);
            Assert.Equal(error, (string?)body["error"]);
        }
    }
}
