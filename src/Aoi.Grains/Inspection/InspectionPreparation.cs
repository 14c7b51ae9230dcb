using System.Diagnostics;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Turns a request and the product snapshot into one work item per enabled ROI (spec 3.1 steps 1–2; grouping of
/// 6.5), or the reason the inspection is refused (spec 7.5 order). Each picture is read once, through
/// <see cref="IRoiCropSource"/> (only the rows and columns its ROIs need); every enabled ROI gets exactly one item,
/// failed ones carrying their error.
/// </summary>
public sealed class InspectionPreparation(IRoiCropSource cropSource, AoiPaths paths)
{
    public const string NotCaptured = "not captured";
    public const string DuplicateGroup = "Duplicate capture group";
    public const string UnusedGroup = "no ROI uses this focus/exposure";
    public const string ConfigurationInvalid = "ROI configuration invalid";

    public Task<PreparedInspection> PrepareAsync(string sessionId, string productName, SnapshotResult product,
        InspectionRequest request, CancellationToken cancellationToken) =>
        request.Image is { } image
            ? PrepareSingleAsync(sessionId, productName, product, image, cancellationToken)
            : PrepareGroupedAsync(sessionId, productName, product, request.Groups ?? [], cancellationToken);

    private async Task<PreparedInspection> PrepareSingleAsync(string sessionId, string productName, SnapshotResult product,
        ImageInput image, CancellationToken cancellationToken)
    {
        var enabled = Enabled(product.Snapshot);
        FrameCrops crops;
        try
        {
            crops = await CutAsync(image, Cuttable(enabled), cancellationToken);
        }
        catch (ImageReadException ex)
        {
            // Spec 7.5: picture errors come before product errors.
            return PreparedInspection.Refused(ex.Kind, ex.Message);
        }

        if (Refusal(productName, product) is { } refused)
        {
            return refused;
        }

        var items = enabled.Select(r => Item(sessionId, product.Snapshot!, r, crops, null, null)).ToList();
        return new PreparedInspection(product.Snapshot, items, null, crops.DecodeMs);
    }

    private async Task<PreparedInspection> PrepareGroupedAsync(string sessionId, string productName, SnapshotResult product,
        CaptureGroupInput[] submitted, CancellationToken cancellationToken)
    {
        if (Refusal(productName, product) is { } refused)
        {
            return refused;
        }

        var snapshot = product.Snapshot!;
        var enabled = Enabled(snapshot);
        var plans = GroupPlan.Build(submitted, enabled);
        var reads = await Task.WhenAll(plans.Select(p => ReadAsync(p, cancellationToken)));

        var items = new List<RoiWorkItem>();
        var groups = new List<PreparedGroup>();
        foreach (var (plan, read) in plans.Zip(reads))
        {
            var error = plan.Error ?? read.Error;
            groups.Add(new PreparedGroup(plan.Input, plan.Rois.Select(r => r.Idx).ToHashSet(), error, read.Ms));
            if (plan.OwnsRois)
            {
                // A duplicate group owns no ROIs and cannot change the first one's results.
                items.AddRange(plan.Rois.Select(r => Item(sessionId, snapshot, r, read.Crops, r.GroupKey, error)));
            }
        }

        var owned = plans.Where(p => p.OwnsRois).SelectMany(p => p.Rois).Select(r => r.Idx).ToHashSet();
        items.AddRange(enabled.Where(r => !owned.Contains(r.Idx)).Select(r => Item(sessionId, snapshot, r, null, r.GroupKey, NotCaptured)));
        return new PreparedInspection(snapshot, items, groups, reads.Sum(r => r.Ms));
    }

    private sealed record GroupRead(FrameCrops? Crops, string? Error, double Ms);

    /// <summary>A group's picture, read even when no ROI uses it so that a bad picture is reported like any other.</summary>
    private async Task<GroupRead> ReadAsync(GroupPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Error is not null)
        {
            return new GroupRead(null, null, 0);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var crops = await CutAsync(plan.Input.Image!, Cuttable(plan.Rois), cancellationToken);
            return new GroupRead(crops, null, crops.DecodeMs);
        }
        catch (ImageReadException ex)
        {
            return new GroupRead(null, ex.Message, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The crops of one picture by ROI idx, and the wall time of reading and decoding it.</summary>
    private sealed record FrameCrops(IReadOnlyDictionary<int, RoiCrop> ByRoi, double DecodeMs);

    /// <summary>
    /// One crop per ROI (clipped with a warning, or an error when nothing is left). Throws
    /// <see cref="ImageReadException"/> for an unusable picture, also when <paramref name="rois"/> is empty.
    /// </summary>
    private async Task<FrameCrops> CutAsync(ImageInput image, List<RoiDefinition> rois, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var byRoi = new Dictionary<int, RoiCrop>(rois.Count);
        await foreach (var cut in cropSource.CutAsync(image, rois.Select(r => r.Coords).ToList(), cancellationToken))
        {
            byRoi[rois[cut.Index].Idx] = cut.Crop;
        }

        return new FrameCrops(byRoi, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Product not found (404) or its file unusable (422 with the messages of spec 2.5).</summary>
    private static PreparedInspection? Refusal(string productName, SnapshotResult product) =>
        product.NotFound ? PreparedInspection.Refused(FailureKind.NotFound, $"Product not found: {productName}")
        : product.Snapshot is null ? PreparedInspection.Refused(FailureKind.ValidationFailed, ConfigurationInvalid, product.ValidationErrors)
        : null;

    private static List<RoiDefinition> Enabled(ProductSnapshot? snapshot) => snapshot?.Rois.Where(r => r.Enabled).ToList() ?? [];

    /// <summary>ROIs with a configuration error are failed as they are, never cut.</summary>
    private static List<RoiDefinition> Cuttable(IEnumerable<RoiDefinition> rois) => rois.Where(r => r.ConfigError is null).ToList();

    private RoiWorkItem Item(string sessionId, ProductSnapshot snapshot, RoiDefinition roi, FrameCrops? crops, string? group,
        string? error)
    {
        var crop = error is null && crops?.ByRoi.GetValueOrDefault(roi.Idx) is { } cut ? cut : null;
        return new RoiWorkItem(snapshot.ProductName, snapshot.ProductFolder, roi, crop?.Crop, crop?.Warning,
            paths.SessionOutput(sessionId), paths.ClientOutputPrefix(sessionId), snapshot.ProductColorRanges, group,
            error ?? crop?.Error);
    }
}
