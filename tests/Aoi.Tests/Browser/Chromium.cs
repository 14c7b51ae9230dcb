using System.Diagnostics;

namespace Aoi.Tests.Browser;

/// <summary>
/// Debian's Chromium drives the browser tests (Playwright's own browser downloads are never used). When it is
/// missing and the tests run as root, it is installed with apt-get, as scripts/install-deps.sh does.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private static readonly Lazy<string?> Problem = new(Install);

    /// <summary>Null when Chromium is ready, else why it is not (the tests then skip with that reason).</summary>
    public static string? Unavailable => Problem.Value;

    private static string? Install()
    {
        if (File.Exists(ExecutablePath))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return $"{ExecutablePath} not found; install Debian's chromium package (scripts/install-deps.sh)";
        }

        var (code, output) = Run("/bin/sh", "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium");
        return code == 0 && File.Exists(ExecutablePath) ? null : $"apt-get install chromium failed ({code}): {output[^Math.Min(output.Length, 2000)..]}";
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
