using System.Text;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.History;

/// <summary>
/// Keeps the pictures of an inspection under &lt;DataRoot&gt;/history/&lt;yyyy-MM-dd&gt;/&lt;product&gt;/&lt;barcode or
/// no-barcode&gt;/&lt;inspection id&gt;/: the ROI crops (and goldens used) out of the session output folder, which the
/// next inspection overwrites, and optionally the full frames of a failed inspection. It runs before the answer
/// leaves the session (the next inspection cannot start earlier), so it only links files (see <see cref="FileLinker"/>).
/// </summary>
public sealed partial class HistoryImageKeeper(AoiPaths paths, IOptions<HistoryOptions> options, ILogger<HistoryImageKeeper> logger)
{
    public const string FolderName = "history";
    public const string NoBarcode = "no-barcode";

    public string Root => Path.Combine(paths.DataRoot, FolderName);

    /// <summary>Absolute folder of a relative image folder as stored in a record ('/'-separated).</summary>
    public string FolderOf(string imageFolder) => Path.Combine(Root, imageFolder.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Links the pictures of <paramref name="record"/> and returns it with its image folder, file names and expiry
    /// set; unchanged when nothing is kept (retention 0, no pictures) or the pictures cannot be kept.
    /// </summary>
    public InspectionRecord Keep(InspectionRecord record, InspectionRecordContext context)
    {
        var o = options.Value;
        var days = record.Passed ? o.OkRetentionDays : o.NgRetentionDays;
        if (days <= 0)
        {
            return record;
        }

        var relative = string.Join('/', record.Day, SafeName(record.Product), SafeName(BarcodeOf(record)), record.Id);
        var folder = FolderOf(relative);
        try
        {
            Directory.CreateDirectory(folder);
            var output = paths.SessionOutput(context.SessionId);
            var rois = record.Rois.Select(r => r with
            {
                ImageFile = KeepOne(output, r.ImageFile, folder),
                GoldenFile = KeepOne(output, r.GoldenFile, folder),
            }).ToList();
            if (!record.Passed && o.KeepFullFrameOnNg)
            {
                KeepFrames(context.Frames, folder);
            }

            return record with { Rois = rois, ImageFolder = relative, ImagesExpireAt = record.RecordedAt.AddDays(days) };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogKeepFailed(ex, record.Id, folder);
            return record with { Rois = record.Rois.Select(r => r with { ImageFile = null, GoldenFile = null }).ToList() };
        }
    }

    /// <summary>Device barcode of the folder: the first device (ascending id) that has one.</summary>
    public static string BarcodeOf(InspectionRecord record) =>
        record.Devices.OrderBy(d => d.DeviceId).Select(d => d.Barcode).FirstOrDefault(b => !string.IsNullOrWhiteSpace(b) && b != "N/A")
        ?? NoBarcode;

    /// <summary>A path segment from free text (barcodes carry spaces and slashes): unsafe characters become '_'.</summary>
    public static string SafeName(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 80));
        foreach (var c in text.Trim().Take(80))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var name = builder.ToString().TrimStart('.');
        return name.Length == 0 ? "_" : name;
    }

    private static string? KeepOne(string output, string? fileName, string folder)
    {
        if (fileName is null)
        {
            return null;
        }

        return FileLinker.LinkOrCopy(Path.Combine(output, fileName), Path.Combine(folder, fileName)) ? fileName : null;
    }

    private void KeepFrames(IReadOnlyList<ImageInput> frames, string folder)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            var source = frames[i].ServerPath;
            var name = $"frame_{i + 1}{Path.GetExtension(source)}";
            try
            {
                FileLinker.LinkOrCopy(source, Path.Combine(folder, name));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogKeepFailed(ex, Path.GetFileName(folder), source);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "History {InspectionId}: pictures could not be kept in {Folder}")]
    private partial void LogKeepFailed(Exception exception, string inspectionId, string folder);
}
