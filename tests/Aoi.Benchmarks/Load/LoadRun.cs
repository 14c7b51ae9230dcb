using System.Diagnostics;
using Aoi.Benchmarks.Performance;

namespace Aoi.Benchmarks.Load;

/// <summary>Everything the clients of one load run saw; <see cref="KilledAtSeconds"/> when a silo was killed.</summary>
public sealed record LoadOutcome(List<LoadCall> Calls, double Seconds, int SessionFailures, List<string> Problems, double? KilledAtSeconds = null)
{
    public int Errors => Calls.Count(c => c.IsError);

    public int WrongVerdicts => Calls.Count(c => c.IsWrongVerdict);
}

/// <summary>
/// The clients: each creates a session, then inspects back to back cycling through the mix (client i starts at
/// request i, so all four kinds run at once) until the duration is over, then closes its session. With a
/// <paramref name="kill"/> schedule, that process (a silo) is SIGKILLed at that second; a client answered 503 waits a
/// second before its next request, as a station retrying would.
/// </summary>
public sealed class LoadRun(AoiHttp http, IReadOnlyList<LoadRequest> mix, int clients, TimeSpan duration, string product,
    (int Pid, TimeSpan At)? kill = null)
{
    private const int MaxProblemsKept = 20;

    public async Task<LoadOutcome> RunAsync()
    {
        var calls = new List<LoadCall>();
        var problems = new List<string>();
        var sessionFailures = 0;
        var clock = Stopwatch.StartNew();
        var deadline = duration;
        double? killedAt = null;
        var killer = kill is { } k
            ? Task.Run(async () =>
            {
                await Task.Delay(k.At);
                System.Diagnostics.Process.GetProcessById(k.Pid).Kill();
                killedAt = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"load: killed pid {k.Pid} at {killedAt:F1} s");
            })
            : Task.CompletedTask;

        void Problem(string text)
        {
            lock (problems)
            {
                if (problems.Count < MaxProblemsKept)
                {
                    problems.Add(text);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            string session;
            try
            {
                session = await http.CreateSessionAsync(product, $"load-{c}", CancellationToken.None);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref sessionFailures);
                Problem($"client {c}: session create failed: {ex.Message}");
                return;
            }

            for (var i = c; clock.Elapsed < deadline; i++)
            {
                var request = mix[i % mix.Count];
                InspectionCall call;
                try
                {
                    call = request.Grouped
                        ? await http.InspectGroupedAsync(session, request.Body, CancellationToken.None)
                        : await http.InspectAsync(session, request.Body, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    call = new InspectionCall(0, 0, null, null, null, null, 0, 0, 0, ex.Message);
                }

                var result = new LoadCall(request.Kind, call.Status, call.WallMs, call.Passed, request.ExpectPass,
                    clock.Elapsed.TotalSeconds, request.ExpectedStatus, ErrorText(call.Error), kill is not null);
                lock (calls)
                {
                    calls.Add(result);
                }

                if (result.IsError)
                {
                    Problem($"client {c} {request.Kind}: HTTP {call.Status} (expected {request.ExpectedStatus}) {call.Error}");
                }
                else if (result.IsWrongVerdict)
                {
                    Problem($"client {c} {request.Kind}: overall passed {call.Passed}, expected {request.ExpectPass}");
                }

                if (result.Status == 503)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }

            var closed = await http.CloseAsync(session, CancellationToken.None);
            if (closed != 200)
            {
                Interlocked.Increment(ref sessionFailures);
                Problem($"client {c}: close answered HTTP {closed}");
            }
        }));

        await killer;
        return new LoadOutcome(calls, clock.Elapsed.TotalSeconds, sessionFailures, problems, killedAt);
    }

    /// <summary>The legacy error text of an error body (or the transport failure's message).</summary>
    private static string? ErrorText(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?["error"]?.GetValue<string>() ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
