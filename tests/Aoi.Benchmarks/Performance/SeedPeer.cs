using System.Diagnostics;
using System.Text.Json;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// The seed-design peer (Peer/seed_peer.py: Flask, ThreadPoolExecutor, OpenCV decode, pooled ResNet-18 cosine by
/// torch with the packaged weights) run by Debian's python3 on a loopback port, in mode <c>lean</c> or <c>faithful</c>.
/// </summary>
public static class SeedPeer
{
    /// <summary>Debian's interpreter: the Debian packages install for it, not for another python3 on the PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly (string Module, string Package)[] Modules =
        [("flask", "python3-flask"), ("cv2", "python3-opencv"), ("torch", "python3-torch"), ("onnx", "python3-onnx"), ("numpy", "python3-numpy")];

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Peer", "seed_peer.py");

    /// <summary>The packaged models as the build copies them (the same files the server loads).</summary>
    public static string Models => Path.Combine(AppContext.BaseDirectory, "DnnImageModels");

    /// <summary>What keeps the peer from running, as an install hint; empty when it can run.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync()
    {
        if (!File.Exists(Python))
        {
            return [$"{Python} (apt-get install python3)"];
        }

        var missing = new List<string>();
        foreach (var (module, package) in Modules)
        {
            var (exit, _) = await RunAsync(["-c", $"import {module}"]);
            if (exit != 0)
            {
                missing.Add(package);
            }
        }

        return missing.Count == 0 ? [] : [$"Debian packages {string.Join(' ', missing)} (apt-get install {string.Join(' ', missing)})"];
    }

    public static Task<ServerProcess> StartAsync(Workspace workspace, string mode, CancellationToken ct)
    {
        var port = FreePort.Next();
        string[] args =
        [
            Script, "--mode", mode, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--shared-root", workspace.SharedRoot, "--product-root", workspace.ProductRoot, "--models", Models,
        ];
        return ServerProcess.StartCommandAsync(Python, args, workspace.Root, $"http://127.0.0.1:{port}",
            workspace.Sub(Path.Combine("servers", "peer-" + mode)), $"seed-design peer ({mode})", ct);
    }

    /// <summary>The peer's pooled features of each picture (its torch module on the packaged weights).</summary>
    public static async Task<float[][]> FeaturesAsync(IReadOnlyList<string> pictures)
    {
        var (exit, output) = await RunAsync([Script, "--features", "--models", Models, .. pictures]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"seed_peer.py --features exited with {exit}: {output}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonSerializer.Deserialize<float[]>(line)!).ToArray();
    }

    /// <summary>Runs Debian's python3 with <paramref name="args"/>: exit code and standard output (standard error when it failed).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, process.ExitCode == 0 ? await stdout : await stderr);
    }
}
