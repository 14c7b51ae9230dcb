using System.ComponentModel.DataAnnotations;

namespace Aoi.Grains.History;

/// <summary>Inspection history, image retention and SPC settings; bound from "Aoi:History".</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "Aoi:History";

    /// <summary>Record inspections at all (images, rows, yield and SPC depend on it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Days the crops of a failed (NG) inspection are kept.</summary>
    [Range(0, 3650)] public int NgRetentionDays { get; set; } = 30;

    /// <summary>Days the crops of a passed (OK) inspection are kept; 0 keeps none.</summary>
    [Range(0, 3650)] public int OkRetentionDays { get; set; } = 3;

    /// <summary>Also keep the full frame(s) of a failed inspection (large: one camera picture each).</summary>
    public bool KeepFullFrameOnNg { get; set; }

    /// <summary>Days the history rows themselves are kept (yield and SPC read them).</summary>
    [Range(1, 36500)] public int RowRetentionDays { get; set; } = 365;

    /// <summary>Records waiting for the database; beyond it new records are dropped and counted, never waited for.</summary>
    [Range(1, 1_000_000)] public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Records written per database transaction.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 200;

    /// <summary>Attempts per batch before it is dropped and counted.</summary>
    [Range(1, 100)] public int MaxWriteAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubled per attempt.</summary>
    [Range(1, 600_000)] public int RetryDelayMs { get; set; } = 500;

    /// <summary>Period of the purge reminder (Orleans reminders tick at most once a minute).</summary>
    [Range(1, 10_080)] public int PurgeIntervalMinutes { get; set; } = 60;

    /// <summary>Default SPC reference window: the first N points of the requested range.</summary>
    [Range(2, 100_000)] public int SpcReferencePoints { get; set; } = 30;
}
