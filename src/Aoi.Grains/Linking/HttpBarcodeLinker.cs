using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Linking;

/// <summary>
/// Client of the barcode linking service (spec 6.7). A lookup never throws and never waits longer than one call
/// timeout: any failure means "not linked". HTTP 200 answers are cached per trimmed barcode; concurrent lookups of
/// one barcode share a single in-flight call. Meant to be a process singleton: it owns one pooled HttpClient.
/// </summary>
public sealed partial class HttpBarcodeLinker : IBarcodeLinker, IDisposable
{
    // The service may parse the body as JSON; relaxed escaping keeps it a valid literal while leaving '+', '&' etc. readable.
    private static readonly JsonSerializerOptions BodyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AnyMediaType = new("*/*");

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _timeout;
    private readonly LinkingAnswerCache _cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _inFlight = new(StringComparer.Ordinal);
    private readonly ILogger<HttpBarcodeLinker> _logger;

    public HttpBarcodeLinker(IOptions<LinkingOptions> options, TimeProvider time, ILogger<HttpBarcodeLinker> logger)
    {
        var o = options.Value;
        if (!o.IsEnabled)
        {
            throw new InvalidOperationException($"{nameof(HttpBarcodeLinker)} needs {LinkingOptions.SectionName}:Url and linking enabled.");
        }

        _url = new Uri(o.Url!.Trim(), UriKind.Absolute);
        _timeout = o.Timeout;
        _cache = new LinkingAnswerCache(o.CacheTime, time);
        _logger = logger;
        // One long-lived client; recycling pooled connections keeps DNS changes of the service visible.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 64 * 1024,
        };
    }

    public async Task<string?> LinkAsync(string barcode, CancellationToken cancellationToken)
    {
        var key = barcode?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        var call = _inFlight.GetOrAdd(key, k => new Lazy<Task<string?>>(() => LookupAndCacheAsync(k)));
        try
        {
            // The shared call runs on its own timeout only, so one caller giving up does not cancel it for the others.
            return await call.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<string?> LookupAndCacheAsync(string barcode)
    {
        try
        {
            // A call that finished between the caller's cache check and this one already stored the answer.
            if (_cache.TryGet(barcode, out var cached))
            {
                return cached;
            }

            var answer = await CallServiceAsync(barcode).ConfigureAwait(false);
            if (answer.Answered)
            {
                _cache.Set(barcode, answer.Linked);
            }

            return answer.Linked;
        }
        finally
        {
            // Only this call's entry can be present: GetOrAdd hands it to everyone until it is removed here.
            _inFlight.TryRemove(barcode, out _);
        }
    }

    private async Task<ServiceAnswer> CallServiceAsync(string barcode)
    {
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _url)
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(barcode, BodyJson))),
            };
            // Set explicitly: StringContent would add "; charset=utf-8", which the legacy contract does not send.
            request.Content.Headers.ContentType = JsonContentType;
            request.Headers.Accept.Add(AnyMediaType);

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogFailed(barcode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                return ServiceAnswer.Failed;
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return new ServiceAnswer(true, LinkingAnswer.Parse(body));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogFailed(barcode, $"no answer within {_timeout.TotalSeconds:0.###} s");
            return ServiceAnswer.Failed;
        }
        catch (Exception ex)
        {
            // Deliberately broad: a linking problem must never fail an inspection (spec 6.7).
            LogFailed(barcode, ex.Message);
            return ServiceAnswer.Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Barcode linking of '{Barcode}' failed ({Reason}); barcode kept unlinked")]
    private partial void LogFailed(string barcode, string reason);

    /// <summary>Answered = the service replied HTTP 200 (cacheable); Linked = null when not linked.</summary>
    private readonly record struct ServiceAnswer(bool Answered, string? Linked)
    {
        public static ServiceAnswer Failed => new(false, null);
    }
}
