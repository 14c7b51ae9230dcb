using System.Net;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;

namespace Aoi.Tests.Review;

/// <summary>The review loop through HTTP: inspect and find the stored inspection, read the queue, give verdicts.</summary>
public sealed class ReviewClient(HttpClient http)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http => http;

    /// <summary>Inspects a shared-root picture in a session and returns the answer and the id the history stored it under.</summary>
    public Task<(JsonObject Answer, string InspectionId)> InspectAsync(string session, string product, string clientPath) =>
        InspectAsync(session, product, new JsonObject { ["image_path"] = clientPath });

    /// <summary>Inspects with any request body (image_path, image, …); same answer and id as above.</summary>
    public async Task<(JsonObject Answer, string InspectionId)> InspectAsync(string session, string product, JsonObject request)
    {
        var before = await StoredCountAsync(product);
        var answer = await HttpAssert.JsonAsync(await http.PostJsonAsync($"/api/session/{session}/inspect", request));
        // The history writer is buffered: wait for the record (an explicit condition, no fixed sleep).
        while (true)
        {
            var page = await HttpAssert.JsonAsync(await http.GetAsync($"/api/inspections?product={product}&page_size=1", Ct));
            if ((long)page["total"]! > before)
            {
                return (answer, (string)page["items"]![0]!["id"]!);
            }

            await Task.Delay(50, Ct);
        }
    }

    public async Task<JsonObject> QueueAsync(string product) =>
        await HttpAssert.JsonAsync(await http.GetAsync($"/api/review/queue?product={product}&page_size=500", Ct));

    public Task<HttpResponseMessage> VerdictAsync(string inspectionId, int roi, JsonObject body) =>
        http.PostJsonAsync($"/api/review/{inspectionId}/rois/{roi}", body);

    public async Task<JsonObject> VerdictOkAsync(string inspectionId, int roi, JsonObject body) =>
        await HttpAssert.JsonAsync(await VerdictAsync(inspectionId, roi, body));

    public static bool RoiPassed(JsonObject answer, int roi) =>
        (bool)answer["roi_results"]!.AsArray().Single(r => (int)r!["roi_id"]! == roi)!["passed"]!;

    public static int[] FailedRois(JsonObject answer) =>
        answer["roi_results"]!.AsArray().Where(r => !(bool)r!["passed"]!).Select(r => (int)r!["roi_id"]!).ToArray();

    public async Task<string> OpenSessionAsync(string product)
    {
        var created = await HttpAssert.JsonAsync(await http.PostJsonAsync("/api/session/create",
            new JsonObject { ["product_name"] = product, ["client_info"] = new JsonObject { ["station"] = "review-line" } }));
        return (string)created["session_id"]!;
    }

    private async Task<long> StoredCountAsync(string product)
    {
        var response = await http.GetAsync($"/api/inspections?product={product}&page_size=1", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (long)(await HttpAssert.JsonAsync(response))["total"]!;
    }
}
