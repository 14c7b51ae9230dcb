using System.Diagnostics;
using System.Globalization;
using Aoi.Benchmarks.Performance;

namespace Aoi.Benchmarks.Load;

/// <summary>
/// Issue 4 item 5: N concurrent HTTP line clients for a bounded time against a running server or cluster, each
/// creating a session, inspecting full-frame boards back to back (good / faulty, single / grouped, pictures sent as
/// base64 like the T client) and closing it. Reports errors, latency percentiles, throughput and server memory.
/// </summary>
public sealed class LoadCommand : IBenchmarkCommand
{
    public string Name => "load";

    public string Usage => "[--url http://127.0.0.1:5000] [--clients 16] [--duration 120] [--product 20003548] [--pids 1,2] [--out load.md] [--data <feyes-products>] [--bad-requests true] [--kill-pid <silo pid> --kill-at <s>]";

    public async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "url", "clients", "duration", "product", "pids", "out", "data", "bad-requests", "kill-pid", "kill-at");
        var url = options.Get("url") ?? "http://127.0.0.1:5000";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.IsLoopback))
        {
            Console.Error.WriteLine($"--url must be a loopback http URL (got {url})");
            return 2;
        }

        var clients = Int(options.Get("clients"), 16, 1, 256);
        var duration = TimeSpan.FromSeconds(Int(options.Get("duration"), 120, 1, 3600));
        var product = options.Get("product") ?? "20003548";
        var pids = (options.Get("pids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null)
        {
            Console.Error.WriteLine("product data not found: pass --data or set AOI_FEYES_DATASET");
            return 1;
        }

        using var workspace = new Workspace(data, [product]);
        var mix = LoadMix.Build(workspace, product, options.Get("bad-requests") is "true" or "1");
        using var httpClient = AoiHttp.CreateClient(url);
        var http = new AoiHttp(httpClient);
        if (!await http.IsHealthyAsync(CancellationToken.None))
        {
            Console.Error.WriteLine($"{url}/api/health does not answer");
            return 1;
        }

        var resourcesBefore = pids.ToDictionary(p => p, ProcessResources);
        Console.WriteLine($"load: {clients} clients × {duration.TotalSeconds:F0} s against {url}, product {product}, load average {ProcessStats.LoadAverage()}");
        (int, TimeSpan)? kill = options.Get("kill-pid") is { } victim
            ? (int.Parse(victim, CultureInfo.InvariantCulture), TimeSpan.FromSeconds(Int(options.Get("kill-at"), (int)duration.TotalSeconds / 2, 1, 3600)))
            : null;
        var run = new LoadRun(http, mix, clients, duration, product, kill);
        LoadOutcome outcome;
        MemorySampler sampler;
        await using (sampler = new MemorySampler(pids, TimeSpan.FromSeconds(1)))
        {
            outcome = await run.RunAsync();
        }

        var alive = pids.Where(p => ProcessStats.Memory(p) is not null).ToList();
        var peaks = alive.ToDictionary(p => p, p => ProcessStats.Memory(p)?.PeakMiB ?? double.NaN);
        var resourcesAfter = pids.ToDictionary(p => p, ProcessResources);
        var report = LoadReport.Write(new LoadReport.Context(
            MachineInfo.Describe(), ("dotnet run -c Release --project tests/Aoi.Benchmarks -- load " + string.Join(' ', args)).Trim(),
            DateTimeOffset.Now, url, clients, duration, product, ProcessStats.LoadAverage()), outcome, sampler.Samples, peaks);
        if (pids.Count > 0)
        {
            // Open files and threads of each server process before and after the run: a leak shows as growth.
            report += "\n## Open files and threads\n\n| pid | open files before → after | threads before → after |\n|---|---|---|\n" +
                string.Concat(pids.Select(p =>
                    $"| {p} | {resourcesBefore[p].Files} → {resourcesAfter[p].Files} | {resourcesBefore[p].Threads} → {resourcesAfter[p].Threads} |\n"));
        }

        Console.WriteLine(report);
        if (options.Get("out") is { } output)
        {
            var path = Path.GetFullPath(output);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, report);
            Console.WriteLine($"wrote {path}");
        }

        return outcome.Errors == 0 && outcome.WrongVerdicts == 0 && outcome.SessionFailures == 0 ? 0 : 1;
    }

    /// <summary>Open file descriptors and threads of a process from /proc (-1 when it cannot be read).</summary>
    private static (int Files, int Threads) ProcessResources(int pid)
    {
        try
        {
            var files = Directory.GetFiles($"/proc/{pid}/fd").Length;
            var threads = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
            return (files, threads is null ? -1 : int.Parse(threads["Threads:".Length..].Trim(), CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return (-1, -1);
        }
    }

    private static int Int(string? text, int fallback, int min, int max) =>
        text is null ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new ArgumentException($"expected an integer in {min}..{max}, got {text}");
}
