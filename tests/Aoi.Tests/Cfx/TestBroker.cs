using System.Diagnostics;

namespace Aoi.Tests.Cfx;

/// <summary>
/// The AMQP 1.0 broker of the CI run: AOI_TEST_AMQP (its URL) and AOI_TEST_AMQP_BROKER_DIR (its folder, for stopping
/// and starting it through scripts/rabbitmq-ctl.sh), both set by .ci/run. Tests that need it skip cleanly without.
/// </summary>
public static class TestBroker
{
    public const string UrlVariable = "AOI_TEST_AMQP";
    public const string FolderVariable = "AOI_TEST_AMQP_BROKER_DIR";

    public static string? Url => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } value ? value : null;

    public static string RequireUrl()
    {
        Assert.SkipWhen(Url is null, $"{UrlVariable} is not set (.ci/run starts RabbitMQ with AMQP 1.0 and sets it)");
        return Url!;
    }

    /// <summary>A private queue address for one test.</summary>
    public static string FreshAddress() => "/queue/aoi-cfx-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Stops the broker application (listeners and connections close; durable queues stay).</summary>
    public static Task StopAsync() => ControlAsync("stop_app");

    /// <summary>Starts it again and waits until it serves.</summary>
    public static async Task StartAsync()
    {
        await ControlAsync("start_app");
        await ControlAsync("await_startup");
    }

    public static string RequireControl()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(folder) || !Directory.Exists(folder),
            $"{FolderVariable} is not set (.ci/run sets it to the folder of the broker it started)");
        return folder!;
    }

    private static async Task ControlAsync(string command)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "rabbitmq-ctl.sh");
        using var process = Process.Start(new ProcessStartInfo(script, [RequireControl(), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"rabbitmq-ctl.sh {command} failed ({process.ExitCode}): {await output}{await errors}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "rabbitmq-ctl.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("scripts/rabbitmq-ctl.sh not found above the test binaries");
    }
}
