using System.Text.Json;
using Aoi.Grains.Options;
using Aoi.Grains.Products;

namespace Aoi.Grains.Review;

/// <summary>
/// Confirmed defects kept as regression samples, one folder per ROI: &lt;DataRoot&gt;/regression/&lt;product&gt;/roi_&lt;idx&gt;/
/// holds &lt;inspection id&gt;.jpg (the reviewed crop) and &lt;inspection id&gt;.json (<see cref="RegressionSampleInfo"/>).
/// Outside the history folder, so the retention purge never removes them; the files are authoritative, like the
/// golden libraries. Changes go through the ROI's golden library grain, which also runs every check against them.
/// </summary>
public sealed class RegressionSamples(AoiPaths paths)
{
    public const string FolderName = "regression";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public string Root => Path.Combine(paths.DataRoot, FolderName);

    /// <summary>The product's folder, holding one roi_&lt;idx&gt; folder per ROI (the layout of golden_rois).</summary>
    public string ProductFolder(string product) => Path.Combine(Root, Checked(product));

    public string FolderOf(string product, int idx) => Path.Combine(ProductFolder(product), $"roi_{idx}");

    /// <summary>Whether the ROI has any regression sample (cheap: one directory probe).</summary>
    public bool Any(string product, int idx)
    {
        var folder = FolderOf(product, idx);
        return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.jpg").Any();
    }

    /// <summary>The ROI's samples, oldest review first. A crop without readable metadata still counts (fail safe).</summary>
    public IReadOnlyList<RegressionSample> List(string product, int idx)
    {
        var folder = FolderOf(product, idx);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.jpg")
            .Select(crop => new RegressionSample(ReadInfo(crop, product, idx), crop))
            .OrderBy(s => s.Info.ReviewedAt)
            .ThenBy(s => s.Info.InspectionId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Stores (or replaces) the sample of <paramref name="info"/>'s inspection: crop and metadata, each written whole.</summary>
    public void Keep(RegressionSampleInfo info, byte[] crop)
    {
        var folder = FolderOf(info.Product, info.RoiId);
        Directory.CreateDirectory(folder);
        var id = CheckedId(info.InspectionId);
        AtomicFile.WriteAllText(Path.Combine(folder, id + ".json"), JsonSerializer.Serialize(info, Json));
        var temp = Path.Combine(folder, $".{id}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temp, crop);
        File.Move(temp, Path.Combine(folder, id + ".jpg"), overwrite: true);
    }

    /// <summary>Removes the sample of one inspection; false when there was none.</summary>
    public bool Forget(string product, int idx, string inspectionId)
    {
        var folder = FolderOf(product, idx);
        var crop = Path.Combine(folder, CheckedId(inspectionId) + ".jpg");
        if (!Directory.Exists(folder))
        {
            return false; // File.Delete would throw for a missing folder
        }

        var existed = File.Exists(crop);
        File.Delete(crop);
        File.Delete(Path.ChangeExtension(crop, ".json"));
        return existed;
    }

    private static RegressionSampleInfo ReadInfo(string crop, string product, int idx)
    {
        var id = Path.GetFileNameWithoutExtension(crop);
        try
        {
            if (JsonSerializer.Deserialize<RegressionSampleInfo>(File.ReadAllText(Path.ChangeExtension(crop, ".json")), Json) is { } info)
            {
                return info;
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            // Metadata missing or damaged: the crop alone still guards the library.
        }

        var at = new DateTimeOffset(File.GetLastWriteTimeUtc(crop), TimeSpan.Zero);
        return new RegressionSampleInfo(id, product, idx, null, null, "unknown", at, null, at);
    }

    private static string Checked(string product) =>
        ProductNames.IsValid(product) ? product : throw new ArgumentException($"invalid product name '{product}'", nameof(product));

    /// <summary>Inspection ids are file names here: letters, digits, '-' and '_' only.</summary>
    private static string CheckedId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? id
            : throw new ArgumentException($"invalid inspection id '{id}'", nameof(id));
}

