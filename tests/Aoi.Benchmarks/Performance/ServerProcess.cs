using System.Diagnostics;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// An HTTP server in its own process on loopback, so its memory and CPU are measured apart from the benchmark's: the
/// real AOI server (Aoi.Web.dll with its co-hosted silo, built by this project's reference to Aoi.Web) or the
/// seed-design peer (<see cref="SeedPeer"/>). Ready when /api/health answers; killed on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, string url, StreamWriter log, double startMs)
    {
        _process = process;
        Url = url;
        _log = log;
        StartMs = startMs;
    }

    public string Url { get; }

    public int Pid => _process.Id;

    /// <summary>From process start until /api/health answered.</summary>
    public double StartMs { get; }

    /// <summary>
    /// Starts the server (this checkout's build, or the Aoi.Web.dll given) with its own data root and free ports; extra
    /// settings as "Key=Value" (e.g. Aoi:Imaging:MaxConcurrentDecodes=1), extra environment variables as "NAME=value"
    /// (e.g. DOTNET_TieredPGO=0, a runtime setting).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(Workspace workspace, string name, IEnumerable<string> settings, CancellationToken ct,
        string? webDll = null, IEnumerable<string>? environment = null)
    {
        var dll = webDll ?? Locate();
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var dataRoot = workspace.Sub(Path.Combine("servers", name));
        var args = new List<string>
        {
            dll, "--urls", url,
            $"--Aoi:DataRoot={dataRoot}",
            $"--Aoi:ProductRoot={workspace.ProductRoot}",
            $"--Aoi:SharedRoot={workspace.SharedRoot}",
            "--Aoi:SeedDemo=false",
            $"--Aoi:Orleans:SiloPort={FreePort.Next()}",
            $"--Aoi:Orleans:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(settings.Select(s => "--" + s));
        return await StartCommandAsync("dotnet", args, Path.GetDirectoryName(dll)!, url, dataRoot, name, ct, environment);
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="args"/>, its output logged to &lt;logFolder&gt;/server.log.</summary>
    public static async Task<ServerProcess> StartCommandAsync(
        string fileName, IEnumerable<string> args, string workingDirectory, string url, string logFolder, string name, CancellationToken ct,
        IEnumerable<string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var variable in environment ?? [])
        {
            var parts = variable.Split('=', 2);
            info.Environment[parts[0]] = parts.Length > 1 ? parts[1] : "";
        }

        var logPath = Path.Combine(logFolder, "server.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, url, log, 0);

        using var http = AoiHttp.CreateClient(url);
        var client = new AoiHttp(http);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await client.IsHealthyAsync(ct))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exited = process.HasExited ? $"exited with {process.ExitCode}" : "still running after 3 minutes";
                await server.DisposeAsync();
                // The log lives in the benchmark's workspace, which is deleted when the benchmark ends: say why here.
                var tail = File.ReadLines(logPath).TakeLast(40);
                throw new InvalidOperationException(
                    $"{name} did not answer /api/health ({exited}); last lines of its log:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
            }

            await Task.Delay(100, ct);
        }

        return new ServerProcess(process, url, log, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the server was stopped.
            }
        }
    }

    /// <summary>src/Aoi.Web/bin/&lt;configuration&gt;/net10.0/Aoi.Web.dll of this checkout.</summary>
    private static string Locate()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Aoi.Web", "bin", configuration, "net10.0", "Aoi.Web.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Aoi.Web.dll ({configuration}) not found above {AppContext.BaseDirectory}");
    }
}
