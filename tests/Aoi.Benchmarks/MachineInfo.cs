namespace Aoi.Benchmarks;

/// <summary>
/// What the numbers were measured on: core count, CPU model, the vector instructions the runtime can use, and memory.
/// Two machines that both report "AMD EPYC" ran the engines 2.3× apart: ONNX Runtime's
/// kernels depend on the vector extensions more than on the model name.
/// </summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = FirstValue("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memory = FirstValue("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var k)
            ? $"{k / 1024.0 / 1024.0:F1} GiB RAM"
            : "unknown RAM";
        return $"{Environment.ProcessorCount} cores (nproc), {cpu} ({VectorExtensions()}), {memory}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string VectorExtensions()
    {
        (bool Supported, string Name)[] extensions =
        [
            (System.Runtime.Intrinsics.X86.Avx2.IsSupported, "AVX2"),
            (System.Runtime.Intrinsics.X86.Fma.IsSupported, "FMA"),
            (System.Runtime.Intrinsics.X86.Avx512F.IsSupported, "AVX-512F"),
            (System.Runtime.Intrinsics.X86.Avx512Vbmi.IsSupported, "AVX-512 VBMI"),
            (System.Runtime.Intrinsics.X86.AvxVnni.IsSupported, "AVX-VNNI"),
            (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported, "AdvSIMD"),
        ];
        var found = extensions.Where(e => e.Supported).Select(e => e.Name).ToList();
        return found.Count == 0 ? "no AVX2" : string.Join(", ", found);
    }

    /// <summary>1-minute load average: other processes on the machine inflate every time measured.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

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
