using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aoi.Tests.Linking;

/// <summary>One request as the stub linking service received it.</summary>
public sealed record StubCall(string Method, string Path, string? ContentType, string Accept, string Body);

/// <summary>What the stub answers: HTTP status and raw body text.</summary>
public sealed record StubReply(int Status, string Body);

/// <summary>
/// A real HTTP linking service on 127.0.0.1 with a free port (Kestrel), recording every call. By default it answers
/// the known pairs of spec 6.7 as quoted JSON strings and <c>null</c> for anything else; tests swap <see cref="Reply"/>.
/// </summary>
public sealed class StubLinkingService : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> KnownPairs = new Dictionary<string, string>
    {
        ["1897848 S/N: 65514 3969 1006 V"] = "1897848-0001555-118714",
        ["2907912062542P1087"] = "20004157-0003285-1022823-101",
        ["20003548-0000003-1019720-101"] = "20003548-0000003-1019720-101",
    };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubCall> _calls = new();

    private StubLinkingService(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<StubCall> Calls => [.. _calls];

    /// <summary>Answer for one recorded call; the token fires when the client abandons the request.</summary>
    public Func<StubCall, CancellationToken, Task<StubReply>> Reply { get; set; } = (call, _) => Task.FromResult(KnownPairAnswer(call));

    public static async Task<StubLinkingService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new StubLinkingService(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        stub.Url = new Uri(new Uri(app.Urls.Single()), "/api/link");
        return stub;
    }

    public static StubReply KnownPairAnswer(StubCall call)
    {
        var barcode = JsonSerializer.Deserialize<string>(call.Body) ?? string.Empty;
        return KnownPairs.TryGetValue(barcode, out var linked) ? new StubReply(200, $"\"{linked}\"") : new StubReply(200, "null");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var call = new StubCall(
            context.Request.Method,
            context.Request.Path,
            context.Request.Headers.ContentType.ToString() is { Length: > 0 } type ? type : null,
            context.Request.Headers.Accept.ToString(),
            await reader.ReadToEndAsync(context.RequestAborted));
        _calls.Enqueue(call);

        var reply = await Reply(call, context.RequestAborted);
        context.Response.StatusCode = reply.Status;
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }
}
