using System.Net;
using Aoi.Tests.Http;
using Aoi.Web.Security;

namespace Aoi.Tests.Hardening;

/// <summary>
/// Access control through the real pipeline: API keys per role, station networks (most specific wins), anonymous
/// callers, open health probes, and the legacy station flow working unchanged from a trusted network.
/// </summary>
[Collection(SecuredCollection.Name)]
public sealed class AccessControlTests(SecuredWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousCallerNeedsAKey()
    {
        var response = await factory.Client().GetAsync("/api/products", Ct);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "API key required");
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/health")]
    public async Task HealthProbesStayOpen(string url)
    {
        var body = await HttpAssert.JsonAsync(await factory.Client().GetAsync(url, Ct));
        Assert.NotNull(body["status"]);
    }

    [Fact]
    public async Task WrongKeyIs401EvenFromATrustedNetwork()
    {
        var response = await factory.Client("not-a-key", "10.1.2.3").GetAsync("/api/products", Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "Invalid API key");
    }

    [Fact]
    public async Task OperatorKeyRunsStationsButCannotChangeRecipes()
    {
        var client = factory.Client(SecuredWebFactory.OperatorKey);

        await HttpAssert.JsonAsync(await client.GetAsync("/api/products", Ct));
        // Reaches the handler: its own validation answers, not access control.
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/session/create", "{}"), HttpStatusCode.BadRequest, "Product name is required");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/ANY/rois", """{"rois": []}"""),
            HttpStatusCode.Forbidden, "Forbidden: requires engineer");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/golden-sample/promote", "{}"), HttpStatusCode.Forbidden, "Forbidden: requires engineer");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/audit", Ct), HttpStatusCode.Forbidden, "Forbidden: requires admin");
    }

    [Fact]
    public async Task EngineerKeyChangesRecipesButCannotReadTheAudit()
    {
        var client = factory.Client(SecuredWebFactory.EngineerKey);

        var product = await SyntheticProduct.CreateAsync(client);
        await HttpAssert.JsonAsync(await client.GetAsync($"/api/products/{product}/rois", Ct));
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/audit", Ct), HttpStatusCode.Forbidden, "Forbidden: requires admin");
    }

    [Fact]
    public async Task AdminKeyReadsTheAudit()
    {
        var body = await HttpAssert.JsonAsync(await factory.Client(SecuredWebFactory.AdminKey).GetAsync("/api/audit", Ct));
        Assert.NotNull(body["entries"]);
    }

    [Theory]
    [InlineData("10.1.9.9", "/api/products/ANY/rois", HttpStatusCode.Forbidden)] // operator network
    [InlineData("::ffff:10.1.9.9", "/api/products/ANY/rois", HttpStatusCode.Forbidden)] // same, IPv4-mapped
    [InlineData("10.1.2.9", "/api/products/ANY/rois", HttpStatusCode.OK)] // the more specific engineer network
    [InlineData("10.2.0.1", "/api/products/ANY/rois", HttpStatusCode.Unauthorized)] // not a station network
    [InlineData("192.168.1.1", "/api/session/create", HttpStatusCode.Unauthorized)]
    public async Task StationNetworksGiveTheirRole(string remote, string url, HttpStatusCode status)
    {
        var response = await factory.Client(remote: remote).PostJsonAsync(url, url.EndsWith("/rois") ? """{"rois": []}""" : """{"product_name": "x"}""");
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task LoopbackIsAdminInTheCohostedDefault()
    {
        await HttpAssert.JsonAsync(await factory.Client(remote: "127.0.0.1").GetAsync("/api/audit", Ct));
        await HttpAssert.JsonAsync(await factory.Client(remote: "::1").GetAsync("/api/audit", Ct));
        // The same admin opens the dashboard (it answered 401 "Admin only" to the caller /api/audit accepted).
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(remote: "127.0.0.1").GetAsync("/dashboard", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheDashboardIsForAdminsOnly()
    {
        await HttpAssert.ErrorAsync(await factory.Client().GetAsync("/dashboard", Ct), HttpStatusCode.Unauthorized, "API key required");
        await HttpAssert.ErrorAsync(await factory.Client(SecuredWebFactory.EngineerKey).GetAsync("/dashboard", Ct),
            HttpStatusCode.Forbidden, "Forbidden: requires admin");
        var page = await factory.Client(SecuredWebFactory.AdminKey).GetAsync("/dashboard", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LegacyStationFlowWorksUnchangedFromItsNetwork()
    {
        var engineer = factory.Client(SecuredWebFactory.EngineerKey);
        var product = await SyntheticProduct.CreateAsync(engineer);
        // The station sends exactly what W/T send: no key, no new header.
        var station = factory.Client(remote: "10.1.77.20");
        var session = await SyntheticProduct.OpenSessionAsync(station, product);
        var image = Convert.ToBase64String(SyntheticProduct.GoodImage());

        var result = await HttpAssert.JsonAsync(await station.PostJsonAsync($"/api/session/{session}/inspect", $$"""{"image": "data:image/jpeg;base64,{{image}}"}"""));

        Assert.True((bool)result["overall_result"]!["passed"]!);
        await HttpAssert.JsonAsync(await station.PostAsync($"/api/session/{session}/close", null, Ct));
    }
}
