using System.Net;
using System.Net.Sockets;
using Aoi.Grains.Linking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Linking;

/// <summary>The HTTP linker against a real stub service on loopback (spec 6.7, conformance case 41).</summary>
public sealed class HttpBarcodeLinkerTests : IAsyncLifetime
{
    private const string SpecBarcode = "1897848 S/N: 65514 3969 1006 V";
    private const string SpecLinked = "1897848-0001555-118714";

    private readonly ManualTimeProvider _clock = new();
    private readonly CapturingLogger<HttpBarcodeLinker> _log = new();
    private readonly List<HttpBarcodeLinker> _linkers = [];
    private StubLinkingService _stub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _stub = await StubLinkingService.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _linkers.ForEach(l => l.Dispose());
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task QuotedAnswer_IsTheLinkedBarcode_AndTheRequestFollowsTheContract()
    {
        var linker = Linker();

        Assert.Equal(SpecLinked, await linker.LinkAsync(SpecBarcode, Ct));

        var call = Assert.Single(_stub.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal(_stub.Url.AbsolutePath, call.Path);
        Assert.Equal("application/json", call.ContentType);
        Assert.Equal("*/*", call.Accept);
        Assert.Equal("\"1897848 S/N: 65514 3969 1006 V\"", call.Body);
    }

    [Theory]
    [InlineData("1897848 S/N: 65514 3969 1006 V", "1897848-0001555-118714")]
    [InlineData("2907912062542P1087", "20004157-0003285-1022823-101")]
    [InlineData("20003548-0000003-1019720-101", "20003548-0000003-1019720-101")]
    public async Task KnownPairs_AreLinked(string barcode, string linked) =>
        Assert.Equal(linked, await Linker().LinkAsync(barcode, Ct));

    [Fact]
    public async Task UnquotedAnswer_IsTheSameLinkedBarcode()
    {
        _stub.Reply = (_, _) => Task.FromResult(new StubReply(200, "  " + SpecLinked + "\n"));

        Assert.Equal(SpecLinked, await Linker().LinkAsync(SpecBarcode, Ct));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("\"null\"")]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("  \n")]
    public async Task NullOrEmptyAnswer_IsNotLinked_AndIsCached(string body)
    {
        _stub.Reply = (_, _) => Task.FromResult(new StubReply(200, body));
        var linker = Linker();

        Assert.Null(await linker.LinkAsync(SpecBarcode, Ct));
        Assert.Null(await linker.LinkAsync(SpecBarcode, Ct));

        Assert.Single(_stub.Calls);
    }

    [Fact]
    public async Task InputIsTrimmed_BeforeSendingAndForTheCacheKey()
    {
        var linker = Linker();

        Assert.Equal("20004157-0003285-1022823-101", await linker.LinkAsync("  2907912062542P1087\t", Ct));
        Assert.Equal("20004157-0003285-1022823-101", await linker.LinkAsync("2907912062542P1087", Ct));

        var call = Assert.Single(_stub.Calls);
        Assert.Equal("\"2907912062542P1087\"", call.Body);
    }

    [Fact]
    public async Task BodyIsAJsonEscapedStringLiteral()
    {
        await Linker().LinkAsync("A\"B\\C", Ct);

        Assert.Equal("\"A\\\"B\\\\C\"", Assert.Single(_stub.Calls).Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t\r\n")]
    public async Task BlankBarcode_IsNeverSent(string barcode)
    {
        Assert.Null(await Linker().LinkAsync(barcode, Ct));

        Assert.Empty(_stub.Calls);
    }

    [Fact]
    public async Task SecondLookupWithinCacheTime_MakesNoSecondCall_AndExpiryCallsAgain()
    {
        var linker = Linker(cacheSeconds: 300);

        Assert.Equal(SpecLinked, await linker.LinkAsync(SpecBarcode, Ct));
        _clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(SpecLinked, await linker.LinkAsync(SpecBarcode, Ct));
        Assert.Single(_stub.Calls);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(SpecLinked, await linker.LinkAsync(SpecBarcode, Ct));
        Assert.Equal(2, _stub.Calls.Count);
    }

    [Fact]
    public async Task ZeroCacheTime_CallsEveryTime()
    {
        var linker = Linker(cacheSeconds: 0);

        await linker.LinkAsync(SpecBarcode, Ct);
        await linker.LinkAsync(SpecBarcode, Ct);

        Assert.Equal(2, _stub.Calls.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    [InlineData(201)]
    [InlineData(302)]
    public async Task Non200Answer_IsNotLinked_NotCached_AndLogged(int status)
    {
        _stub.Reply = (_, _) => Task.FromResult(new StubReply(status, $"\"{SpecLinked}\""));
        var linker = Linker();

        Assert.Null(await linker.LinkAsync(SpecBarcode, Ct));
        Assert.Null(await linker.LinkAsync(SpecBarcode, Ct));

        Assert.Equal(2, _stub.Calls.Count);
        Assert.All(_log.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal(2, _log.Entries.Count);
        Assert.Contains(SpecBarcode, _log.Entries[0].Message);
        Assert.Contains($"HTTP {status}", _log.Entries[0].Message);
    }

    [Fact]
    public async Task SlowService_IsNotLinked_TheRequestIsCancelled_AndTheFailureIsNotCached()
    {
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Reply = async (_, aborted) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), aborted);
            }
            catch (OperationCanceledException)
            {
                abandoned.TrySetResult();
                throw;
            }

            answered.TrySetResult();
            return new StubReply(200, $"\"{SpecLinked}\"");
        };
        var linker = Linker(timeoutSeconds: 1);

        Assert.Null(await linker.LinkAsync(SpecBarcode, Ct));

        // The linker gave up on its own timeout: the stub sees the request abandoned instead of finishing its 5 s sleep.
        Assert.Same(abandoned.Task, await Task.WhenAny(abandoned.Task, answered.Task));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(SpecBarcode) && e.Message.Contains("no answer within 1 s"));

        _stub.Reply = (call, _) => Task.FromResult(StubLinkingService.KnownPairAnswer(call));
        Assert.Equal(SpecLinked, await linker.LinkAsync(SpecBarcode, Ct));
        Assert.Equal(2, _stub.Calls.Count);
    }

    [Fact]
    public async Task UnreachableService_IsNotLinked_AndLogged()
    {
        var linker = Linker(url: new Uri($"http://127.0.0.1:{ClosedPort()}/api/link"));

        Assert.Null(await linker.LinkAsync(SpecBarcode, Ct));

        var entry = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(SpecBarcode, entry.Message);
    }

    [Fact]
    public async Task ConcurrentLookupsOfOneBarcode_ShareOneCall()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Reply = async (call, _) =>
        {
            await release.Task;
            return StubLinkingService.KnownPairAnswer(call);
        };
        var linker = Linker();

        // Both lookups are registered before the service answers, so the second must join the first one's call.
        var first = linker.LinkAsync(SpecBarcode, Ct);
        var second = linker.LinkAsync(" " + SpecBarcode, Ct);
        release.SetResult();

        Assert.Equal([SpecLinked, SpecLinked], await Task.WhenAll(first, second));
        Assert.Single(_stub.Calls);
    }

    [Fact]
    public async Task LookupsOfDifferentBarcodes_RunConcurrently()
    {
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        _stub.Reply = async (call, aborted) =>
        {
            // Neither request is answered until both are at the service: a serialising linker would never finish.
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothArrived.SetResult();
            }

            await bothArrived.Task.WaitAsync(aborted);
            return StubLinkingService.KnownPairAnswer(call);
        };
        var linker = Linker(timeoutSeconds: 30);

        var results = await Task.WhenAll(linker.LinkAsync(SpecBarcode, Ct), linker.LinkAsync("2907912062542P1087", Ct));

        Assert.Equal([SpecLinked, "20004157-0003285-1022823-101"], results);
    }

    [Fact]
    public async Task CallerCancellation_ReturnsNotLinked_WithoutThrowing_AndDoesNotBreakOtherCallers()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Reply = async (call, _) =>
        {
            await release.Task;
            return StubLinkingService.KnownPairAnswer(call);
        };
        var linker = Linker();
        using var giveUp = new CancellationTokenSource();

        var impatient = linker.LinkAsync(SpecBarcode, giveUp.Token);
        var patient = linker.LinkAsync(SpecBarcode, Ct);
        await giveUp.CancelAsync();

        Assert.Null(await impatient);
        release.SetResult();
        Assert.Equal(SpecLinked, await patient);
        Assert.Single(_stub.Calls);
    }

    private HttpBarcodeLinker Linker(Uri? url = null, double timeoutSeconds = 3, double cacheSeconds = 300)
    {
        var options = new LinkingOptions { Url = (url ?? _stub.Url).ToString(), TimeoutSeconds = timeoutSeconds, CacheSeconds = cacheSeconds };
        var linker = new HttpBarcodeLinker(Options.Create(options), _clock, _log);
        _linkers.Add(linker);
        return linker;
    }

    /// <summary>A loopback port nobody listens on: bound once to learn a free number, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
