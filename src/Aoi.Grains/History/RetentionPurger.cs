using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.History;

/// <summary>
/// Removes what the retention settings no longer keep: the image folders of inspections past their image expiry
/// (rows stay, without pictures), history rows past <see cref="HistoryOptions.RowRetentionDays"/>, and whole day
/// folders older than the longest image retention (pictures whose record never reached the database).
/// </summary>
public sealed partial class RetentionPurger(
    IHistoryStore store,
    HistoryImageKeeper images,
    IOptions<HistoryOptions> options,
    TimeProvider time,
    ILogger<RetentionPurger> logger)
{
    private const int FoldersPerRound = 500;

    public async Task<PurgeSummary> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var folders = 0;
        while (true)
        {
            var expired = await store.ExpiredImagesAsync(now, FoldersPerRound, cancellationToken);
            if (expired.Count == 0)
            {
                break;
            }

            foreach (var (_, folder) in expired)
            {
                if (DeleteFolder(images.FolderOf(folder)))
                {
                    folders++;
                }
            }

            await store.ClearImagesAsync(expired.Select(e => e.Id).ToList(), cancellationToken);
            if (expired.Count < FoldersPerRound)
            {
                break;
            }
        }

        folders += DeleteOldDayFolders(now);
        var rows = await store.DeleteRecordedBeforeAsync(now.AddDays(-options.Value.RowRetentionDays), cancellationToken);
        LogPurged(folders, rows);
        return new PurgeSummary(folders, rows, now);
    }

    private int DeleteOldDayFolders(DateTimeOffset now)
    {
        if (!Directory.Exists(images.Root))
        {
            return 0;
        }

        // One spare day: a day folder is named by local date while expiries are exact instants.
        var keepDays = Math.Max(options.Value.NgRetentionDays, options.Value.OkRetentionDays) + 1;
        var oldest = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, time.LocalTimeZone).DateTime).AddDays(-keepDays);
        var deleted = 0;
        foreach (var folder in Directory.EnumerateDirectories(images.Root))
        {
            if (DateOnly.TryParseExact(Path.GetFileName(folder), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && day < oldest && DeleteFolder(folder))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private bool DeleteFolder(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                return false;
            }

            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(ex, folder);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History purge: {Folders} image folders and {Rows} inspections removed")]
    private partial void LogPurged(int folders, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History purge: folder {Folder} could not be deleted")]
    private partial void LogDeleteFailed(Exception exception, string folder);
}
