using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;

namespace Aoi.Tests.Hardening;

/// <summary>
/// A bounded run (AOI_HARDENING_LOAD_SECONDS, default 20 s) of good inspections mixed with the whole bad-input
/// catalogue from several clients at once: every good request answers 200 with its real verdict, every bad one its
/// catalogue answer (never a 500), and between the first quarter and the end the process grows neither open files,
/// nor threads, nor its managed heap beyond a small allowance. No timing is asserted.
/// </summary>
[Collection(HardeningLoadCollection.Name)]
public sealed class MixedLoadTests(HardeningServer server)
{
    private const int Workers = 4;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Sample(int OpenFiles, int Threads, long ManagedBytes);

    private static Sample Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return new Sample(Directory.GetFiles("/proc/self/fd").Length, process.Threads.Count, GC.GetTotalMemory(forceFullCollection: true));
    }

    [Fact]
    public async Task GoodRequestsNeverFailAndResourcesDoNotGrowUnderBadTraffic()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("AOI_HARDENING_LOAD_SECONDS"), out var s) ? s : 20;
        var sessions = new List<(string Good, string Bad)>();
        for (var i = 0; i < Workers; i++)
        {
            sessions.Add((await SyntheticProduct.OpenSessionAsync(server.Client, server.Product),
                await SyntheticProduct.OpenSessionAsync(server.Client, server.Product)));
        }

        var cases = BadInputCatalogue.Cases.Where(c => !c.Key.StartsWith("multipart-many", StringComparison.Ordinal)).ToArray();
        var failures = new List<string>();
        var counts = new int[2];
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        Sample? quarter = null;

        async Task WorkerAsync(int worker)
        {
            var (good, bad) = sessions[worker];
            var index = worker;
            while (clock.Elapsed < duration)
            {
                var response = await server.Client.PostJsonAsync($"/api/session/{good}/inspect", """{"image_path": "good.jpg"}""");
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode != HttpStatusCode.OK || JsonNode.Parse(text)?["overall_result"]?["passed"]?.GetValue<bool>() != true)
                {
                    lock (failures) failures.Add($"good: {(int)response.StatusCode} {text}");
                }

                Interlocked.Increment(ref counts[0]);
                for (var k = 0; k < 3; k++, index += Workers)
                {
                    var (name, request) = cases[index % cases.Length];
                    using var message = new HttpRequestMessage(request.Method, request.Url.Replace("{p}", server.Product).Replace("{s}", bad))
                    {
                        Content = request.Body(server),
                    };
                    using var answer = await server.Client.SendAsync(message, Ct);
                    if (answer.StatusCode != request.Status)
                    {
                        var body = await answer.Content.ReadAsStringAsync(Ct);
                        lock (failures) failures.Add($"{name}: {(int)answer.StatusCode} {body}");
                    }

                    Interlocked.Increment(ref counts[1]);
                }

                if (worker == 0 && quarter is null && clock.Elapsed > duration / 4)
                {
                    quarter = Measure();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(WorkerAsync));
        var end = Measure();

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(counts[0] >= Workers && counts[1] > 0, $"good {counts[0]}, bad {counts[1]}");
        Assert.NotNull(quarter);
        Assert.True(end.OpenFiles <= quarter.OpenFiles + 16, $"open files {quarter.OpenFiles} → {end.OpenFiles}");
        Assert.True(end.Threads <= quarter.Threads + 16, $"threads {quarter.Threads} → {end.Threads}");
        Assert.True(end.ManagedBytes <= quarter.ManagedBytes + 64L * 1024 * 1024, $"managed heap {quarter.ManagedBytes} → {end.ManagedBytes}");
        TestContext.Current.SendDiagnosticMessage(
            $"mixed load {seconds} s: {counts[0]} good, {counts[1]} bad; fds {quarter.OpenFiles}→{end.OpenFiles}, threads {quarter.Threads}→{end.Threads}, heap {quarter.ManagedBytes / 1048576}→{end.ManagedBytes / 1048576} MB");
    }
}
