using System.Globalization;
using System.Text;
using Aoi.Benchmarks.Performance;

namespace Aoi.Benchmarks.Load;

/// <summary>Markdown of a load run: context, errors, latency percentiles per kind, throughput, server memory over time.</summary>
public static class LoadReport
{
    public sealed record Context(
        string Machine, string Command, DateTimeOffset Date, string Url, int Clients, TimeSpan Duration, string Product, string LoadAverageAtEnd);

    public static string Write(Context context, LoadOutcome outcome, IReadOnlyList<MemorySample> memory, IReadOnlyDictionary<int, double> peaks)
    {
        var md = new StringBuilder();
        md.AppendLine("# Load test (issue 4, item 5; silo loss: issue 12, item 5)");
        md.AppendLine();
        md.AppendLine($"- Command: `{context.Command}`");
        md.AppendLine($"- Date: {context.Date:yyyy-MM-dd HH:mm zzz}; machine: {context.Machine}; load average at the end {context.LoadAverageAtEnd}");
        md.AppendLine($"- Target: {context.Url}; {context.Clients} clients for {context.Duration.TotalSeconds:F0} s; product {context.Product}; " +
                      "each client: create session → inspections cycling single good / single faulty / grouped good / grouped faulty " +
                      "(7716×5360 JPEG q95 sent as base64), with bad requests interleaved when --bad-requests is on (see the kinds below) → close");
        md.AppendLine();
        var calls = outcome.Calls;
        md.AppendLine("| figure | measured | target |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| errors (an answer other than the expected one — 200 for a good request, its 4xx for a bad one, or 503 \"silo lost\" after a kill — or a transport failure) | {outcome.Errors} of {calls.Count} | 0 |");
        md.AppendLine($"| wrong verdicts (good board failed or faulty board passed) | {outcome.WrongVerdicts} | 0 |");
        md.AppendLine($"| session create/close failures | {outcome.SessionFailures} | 0 |");
        md.AppendLine($"| throughput | {F(calls.Count / outcome.Seconds, 2)} inspections/s ({calls.Count} in {F(outcome.Seconds, 1)} s) | – |");
        md.AppendLine($"| latency p50 / p90 / p99 / max | {Latencies(calls)} ms | p99 well within the clients' 60 s single / 180 s grouped |");
        md.AppendLine();
        md.AppendLine("| kind | count | errors | wrong verdicts | p50 ms | p90 ms | p99 ms | max ms |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var kind in calls.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ok = kind.Where(c => c.Status == c.ExpectedStatus).Select(c => c.WallMs).ToList();
            md.AppendLine($"| {kind.Key} | {kind.Count()} | {kind.Count(c => c.IsError)} | {kind.Count(c => c.IsWrongVerdict)} | " +
                          $"{F(Stats.Percentile(ok, 50), 0)} | {F(Stats.Percentile(ok, 90), 0)} | {F(Stats.Percentile(ok, 99), 0)} | {F(ok.DefaultIfEmpty(double.NaN).Max(), 0)} |");
        }

        if (outcome.KilledAtSeconds is { } killedAt)
        {
            md.Append(SiloLoss(calls, killedAt));
        }

        if (outcome.Problems.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Problems (first " + outcome.Problems.Count + "):");
            md.AppendLine();
            outcome.Problems.ForEach(p => md.AppendLine($"- {p}"));
        }

        md.AppendLine();
        md.AppendLine("## Server memory over time");
        md.AppendLine();
        if (peaks.Count == 0)
        {
            md.AppendLine("No server PIDs given (--pids): memory not sampled.");
            return md.ToString();
        }

        md.AppendLine("Resident set (VmRSS, MiB) of each server process, sampled every second; one row per tenth of the run; last row = VmHWM (peak).");
        md.AppendLine();
        var pids = peaks.Keys.ToList();
        md.AppendLine("| t (s) | " + string.Join(" | ", pids.Select(p => $"pid {p}")) + " |");
        md.AppendLine("|---|" + string.Concat(pids.Select(_ => "---|")));
        var end = memory.Count == 0 ? 0 : memory.Max(m => m.AtSeconds);
        for (var tenth = 0; tenth <= 10; tenth++)
        {
            var at = end * tenth / 10;
            var row = pids.Select(p => memory.Where(m => m.Pid == p && m.AtSeconds <= at + 0.5).Select(m => m.RssMiB).LastOrDefault(double.NaN));
            md.AppendLine($"| {F(at, 0)} | " + string.Join(" | ", row.Select(v => F(v, 0))) + " |");
        }

        md.AppendLine("| peak (VmHWM) | " + string.Join(" | ", pids.Select(p => F(peaks[p], 0))) + " |");
        return md.ToString();
    }

    /// <summary>
    /// Issue 12 item 5: what the stations saw when a silo was killed — answers by status before and after, the
    /// inspections in flight at the kill, and the longest any request waited from the kill (or from its start, if later).
    /// </summary>
    private static string SiloLoss(List<LoadCall> calls, double killedAt)
    {
        var md = new StringBuilder();
        var before = calls.Where(c => c.AtSeconds <= killedAt).ToList();
        var after = calls.Where(c => c.AtSeconds > killedAt).ToList();
        var inFlight = after.Where(c => c.StartedSeconds < killedAt).ToList();
        string ByStatus(List<LoadCall> list) => list.Count == 0 ? "–" : string.Join(", ", list.GroupBy(c => c.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {g.Count()}{(g.Key == 503 ? $" ({g.Count(c => c.IsInterrupted)} with \"{LoadCall.SiloLostError}\")" : "")}"));
        double Waited(LoadCall c) => c.AtSeconds - Math.Max(c.StartedSeconds, killedAt);
        var interrupted = after.Where(c => c.Status == 503).ToList();

        md.AppendLine();
        md.AppendLine($"## Silo killed under load (SIGKILL at {F(killedAt, 1)} s)");
        md.AppendLine();
        md.AppendLine("| figure | measured | bound |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| answers before the kill, by status | {ByStatus(before)} | – |");
        md.AppendLine($"| answers after the kill, by status | {ByStatus(after)} | 200, or 503 with the silo-lost error; never 500 |");
        md.AppendLine($"| in flight at the kill | {inFlight.Count}: {ByStatus(inFlight)}; answered within {F(inFlight.Select(Waited).DefaultIfEmpty(0).Max(), 1)} s of the kill | 35 s |");
        md.AppendLine($"| longest wait around the kill (from the kill, or from the request's start if later) | {F(after.Select(Waited).DefaultIfEmpty(0).Max(), 1)} s | 35 s |");
        md.AppendLine($"| last 503 | {(interrupted.Count == 0 ? "none" : $"{F(interrupted.Max(c => c.AtSeconds) - killedAt, 1)} s after the kill")} | – |");
        return md.ToString();
    }

    private static string Latencies(List<LoadCall> calls)
    {
        var ok = calls.Where(c => c.Status == c.ExpectedStatus).Select(c => c.WallMs).ToList();
        return $"{F(Stats.Percentile(ok, 50), 0)} / {F(Stats.Percentile(ok, 90), 0)} / {F(Stats.Percentile(ok, 99), 0)} / {F(ok.DefaultIfEmpty(double.NaN).Max(), 0)}";
    }

    private static string F(double value, int digits) =>
        double.IsNaN(value) ? "–" : value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
