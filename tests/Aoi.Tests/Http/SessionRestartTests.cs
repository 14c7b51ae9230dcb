using System.Text.Json.Nodes;

namespace Aoi.Tests.Http;

/// <summary>
/// Case 47 across a restart: sessions are persisted grain state (SQLite in the data root), so a server started again
/// on the same data root and service id still knows the session, its product and its inspection count, and the
/// session is not busy any more.
/// </summary>
public sealed class SessionRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionSurvivesRestartAndClosesAfterwards()
    {
        var dataRoot = Directory.CreateTempSubdirectory("aoi-restart-").FullName;
        var serviceId = "restart-" + Guid.NewGuid().ToString("N");
        try
        {
            string product, id;
            JsonNode before;
            await using (var first = new RestartableAoiWebFactory(dataRoot, serviceId))
            {
                var client = first.CreateClient();
                product = await SyntheticProduct.CreateAsync(client);
                id = await SyntheticProduct.OpenSessionAsync(client, product);
                var image = Convert.ToBase64String(SyntheticProduct.GoodImage());
                var inspected = await HttpAssert.JsonAsync(
                    await client.PostJsonAsync($"/api/session/{id}/inspect", new JsonObject { ["image"] = image }));
                Assert.True((bool)inspected["overall_result"]!["passed"]!);
                before = await HttpAssert.JsonAsync(await client.GetAsync($"/api/session/{id}", Ct));
                Assert.Equal(1, (int)before["inspection_count"]!);
            }

            await using (var second = new RestartableAoiWebFactory(dataRoot, serviceId))
            {
                var client = second.CreateClient();
                var after = await HttpAssert.JsonAsync(await client.GetAsync($"/api/session/{id}", Ct));
                Assert.Equal(product, (string?)after["product_name"]);
                Assert.Equal(1, (int)after["inspection_count"]!);
                Assert.False((bool)after["busy"]!);
                Assert.Equal((string?)before["created_at"], (string?)after["created_at"]);
                Assert.Equal("station-7", (string?)after["client_info"]!["client_id"]);

                var list = await HttpAssert.JsonAsync(await client.GetAsync("/api/sessions", Ct));
                Assert.Contains(list["sessions"]!.AsArray(), s => (string?)s!["session_id"] == id);

                var closed = await HttpAssert.JsonAsync(await client.PostAsync($"/api/session/{id}/close", null, Ct));
                Assert.True((bool)closed["directory_cleaned"]!);
                Assert.Equal(1, (int)closed["inspection_count"]!);
                Assert.False(Directory.Exists(Path.Combine(second.SharedRoot, "sessions", id)));
            }
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }
}
