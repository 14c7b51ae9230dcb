using System.Runtime.InteropServices;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// CPU time of this process with microsecond resolution (getrusage), for comparing two ways of running the same work
/// in process: unlike wall time it barely moves when other programs compete for the cores.
/// </summary>
public static class ProcessCpu
{
    private const int RusageSelf = 0;

    public static TimeSpan Used()
    {
        if (GetRusage(RusageSelf, out var usage) != 0)
        {
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        }

        var micros = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicros + usage.SystemMicros;
        return TimeSpan.FromMicroseconds(micros);
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals then 14 longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }
}
