namespace Aoi.Benchmarks;

/// <summary>What the numbers were measured on: core count, CPU model and memory, from /proc on Linux.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = FirstValue("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memory = FirstValue("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var k)
            ? $"{k / 1024.0 / 1024.0:F1} GiB RAM"
            : "unknown RAM";
        return $"{Environment.ProcessorCount} cores (nproc), {cpu}, {memory}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? FirstValue(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':') + 1)..].Trim())
            .FirstOrDefault();
    }
}
