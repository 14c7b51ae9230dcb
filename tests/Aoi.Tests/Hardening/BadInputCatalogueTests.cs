using System.Net;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;

namespace Aoi.Tests.Hardening;

/// <summary>
/// Runs every <see cref="BadInputCatalogue"/> case against the real server: exact status and <c>error</c> text (and
/// validation message), never a 500, and the product root, the stored configuration version and the audit log are
/// exactly as before.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class BadInputCatalogueTests(HardeningServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void CatalogueHasAtLeastFortyCases() => Assert.True(BadInputCatalogue.Cases.Count >= 40, $"{BadInputCatalogue.Cases.Count} cases");

    [Theory]
    [MemberData(nameof(BadInputCatalogue.Names), MemberType = typeof(BadInputCatalogue))]
    public async Task BadRequestIsRefusedAndChangesNothing(string name)
    {
        var bad = BadInputCatalogue.Cases[name];
        var before = await RecipeState.CaptureAsync(server);
        var noColourProduct = Path.Combine(server.ProductRoot, "NOCOLOUR-NEW");

        using var request = new HttpRequestMessage(bad.Method, bad.Url.Replace("{p}", server.Product).Replace("{s}", server.Session))
        {
            Content = bad.Body(server),
        };
        using var response = await server.Client.SendAsync(request, Ct);

        var body = await HttpAssert.JsonAsync(response, bad.Status);
        var error = (string?)body["error"];
        if (bad.ErrorIsPrefix)
        {
            Assert.StartsWith(bad.Error, error);
        }
        else
        {
            Assert.Equal(bad.Error, error);
        }

        if (bad.ValidationError is { } expected)
        {
            var messages = Assert.IsType<JsonArray>(body["validation_errors"]).Select(m => (string)m!).ToArray();
            Assert.Contains(messages, m => expected.StartsWith('~')
                ? m.Contains("): " + expected[1..], StringComparison.Ordinal)
                : m.EndsWith("): " + expected, StringComparison.Ordinal) || m == expected);
        }

        Assert.Equal(before, await RecipeState.CaptureAsync(server));
        Assert.False(Directory.Exists(noColourProduct), "a refused save created a product folder");
    }
}
