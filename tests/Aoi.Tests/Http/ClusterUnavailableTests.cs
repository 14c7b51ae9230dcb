using System.Text.Json.Nodes;
using Aoi.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace Aoi.Tests.Http;

/// <summary>
/// Orleans' transient failures surface from any endpoint's grain call; the error handling every endpoint runs inside
/// answers them 503 with Retry-After and the legacy <c>error</c> (they were 500 "Internal server error").
/// </summary>
public sealed class ClusterUnavailableTests
{
    public static TheoryData<string> Transient => ["silo unavailable", "message rejected", "call timed out", "deadline"];

    private static Exception Failure(string kind) => kind switch
    {
        "silo unavailable" => new SiloUnavailableException("The target silo became unavailable"),
        // Only Orleans creates these (internal constructor), as when a call meets a silo that just died.
        "message rejected" => (Exception)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null,
            ["Unable to connect to endpoint S127.0.0.1:11111"], null)!,
        "call timed out" => new TimeoutException("Response did not arrive on time in 00:00:15"),
        _ => new OperationCanceledException("the front end's inspection deadline"),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task TransientClusterFailuresAre503WithRetryAfter(string kind)
    {
        var (status, retryAfter, error) = await RunAsync(Failure(kind), inspection: false);
        Assert.Equal((503, ClusterUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ClusterUnavailable.RequestError),
            (status, retryAfter, error));
    }

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task OnAnInspectionEndpointTheyAskForTheInspectionToBeRetried(string kind)
    {
        var (status, _, error) = await RunAsync(Failure(kind), inspection: true);
        Assert.Equal((503, "inspection interrupted: silo lost, retry"), (status, error));
    }

    [Fact]
    public async Task OtherFailuresStayInternalErrors()
    {
        var (status, retryAfter, error) = await RunAsync(new InvalidOperationException("a bug"), inspection: false);
        Assert.Equal((500, null, "Internal server error"), (status, retryAfter, error));
    }

    private static async Task<(int Status, string? RetryAfter, string? Error)> RunAsync(Exception thrown, bool inspection)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        var metadata = inspection ? new EndpointMetadataCollection(new ClusterUnavailable.InspectionEndpoint()) : EndpointMetadataCollection.Empty;
        context.SetEndpoint(new Endpoint(null, metadata, "test endpoint"));
        var middleware = new ErrorHandlingMiddleware(_ => throw thrown, NullLogger<ErrorHandlingMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken));
        var retryAfter = context.Response.Headers.RetryAfter.Count > 0 ? context.Response.Headers.RetryAfter.ToString() : null;
        return (context.Response.StatusCode, retryAfter, (string?)body?["error"]);
    }
}
