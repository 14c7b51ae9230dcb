using System.Diagnostics;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Turns a request and the product snapshot into one work item per enabled ROI (spec 3.1 steps 1–2; grouping of
/// 6.5), or the reason the inspection is refused (spec 7.5 order). Each picture is read once, through
/// <see cref="IRoiCropSource"/> (only the rows and columns its ROIs need); every enabled ROI gets exactly one item,
/// failed ones carrying their error, handed to <c>dispatch</c> as soon as it is ready: a single picture's ROI as its
/// crop is cut (the workers run while the rest of the picture is decoded), a capture group's ROIs once its picture
/// has been read (a group whose picture breaks off fails all its ROIs alike), items without a crop last.
/// </summary>
/// <remarks>
/// An item already dispatched when the picture turns out unusable belongs to an inspection that is refused: the caller
/// cancels it and discards its answer.
/// </remarks>
public sealed class InspectionPreparation(IRoiCropSource cropSource)
{
    public const string NotCaptured = "not captured";
    public const string DuplicateGroup = "Duplicate capture group";
    public const string UnusedGroup = "no ROI uses this focus/exposure";
    public const string ConfigurationInvalid = "ROI configuration invalid";

    public Task<PreparedInspection> PrepareAsync(RoiOutputFolder output, string productName, SnapshotResult product,
        InspectionRequest request, Action<RoiWorkItem> dispatch, CancellationToken cancellationToken) =>
        request.Image is { } image
            ? PrepareSingleAsync(output, productName, product, image, dispatch, cancellationToken)
            : PrepareGroupedAsync(output, productName, product, request.Groups ?? [], dispatch, cancellationToken);

    private async Task<PreparedInspection> PrepareSingleAsync(RoiOutputFolder output, string productName, SnapshotResult product,
        ImageInput image, Action<RoiWorkItem> dispatch, CancellationToken cancellationToken)
    {
        // Without a snapshot nothing is cut (no ROIs), so no item leaves before the refusal below.
        var enabled = Enabled(product.Snapshot);
        var cuttable = Cuttable(enabled);
        var cut = new HashSet<int>();
        double decodeMs;
        try
        {
            decodeMs = await CutAsync(image, cuttable, (roi, crop) =>
            {
                cut.Add(roi.Idx);
                dispatch(Item(output, product.Snapshot!, roi, crop, null, null));
            }, cancellationToken);
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

        foreach (var roi in enabled.Where(r => !cut.Contains(r.Idx)))
        {
            dispatch(Item(output, product.Snapshot!, roi, null, null, null));
        }

        return new PreparedInspection(product.Snapshot, null, decodeMs);
    }

    private async Task<PreparedInspection> PrepareGroupedAsync(RoiOutputFolder output, string productName, SnapshotResult product,
        CaptureGroupInput[] submitted, Action<RoiWorkItem> dispatch, CancellationToken cancellationToken)
    {
        if (Refusal(productName, product) is { } refused)
        {
            return refused;
        }

        var snapshot = product.Snapshot!;
        var enabled = Enabled(snapshot);
        var plans = GroupPlan.Build(submitted, enabled);
        var groups = await Task.WhenAll(plans.Select(p => ReadAsync(output, snapshot, p, dispatch, cancellationToken)));

        var owned = plans.Where(p => p.OwnsRois).SelectMany(p => p.Rois).Select(r => r.Idx).ToHashSet();
        foreach (var roi in enabled.Where(r => !owned.Contains(r.Idx)))
        {
            dispatch(Item(output, snapshot, roi, null, roi.GroupKey, NotCaptured));
        }

        return new PreparedInspection(snapshot, groups, groups.Sum(g => g.ReadMs));
    }

    /// <summary>
    /// A group's picture, read even when no ROI uses it so that a bad picture is reported like any other; its ROIs
    /// dispatched once it has been read (a duplicate group owns no ROIs and cannot change the first one's results).
    /// </summary>
    private async Task<PreparedGroup> ReadAsync(RoiOutputFolder output, ProductSnapshot snapshot, GroupPlan plan,
        Action<RoiWorkItem> dispatch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var crops = new Dictionary<int, RoiCrop>();
        var error = plan.Error;
        if (error is null)
        {
            try
            {
                await CutAsync(plan.Input.Image!, Cuttable(plan.Rois), (roi, crop) => crops[roi.Idx] = crop, cancellationToken);
            }
            catch (ImageReadException ex)
            {
                error = ex.Message;
            }
        }

        var readMs = plan.Error is null ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : 0;
        if (plan.OwnsRois)
        {
            foreach (var item in RoiWorkOrder.LongestFirst(plan.Rois.Select(r =>
                         Item(output, snapshot, r, error is null ? crops.GetValueOrDefault(r.Idx) : null, r.GroupKey, error))))
            {
                dispatch(item);
            }
        }

        return new PreparedGroup(plan.Input, plan.Rois.Select(r => r.Idx).ToHashSet(), error, readMs);
    }

    /// <summary>
    /// One crop per ROI (clipped with a warning, or an error when nothing is left), each handed to
    /// <paramref name="cropped"/> as it is cut; returns the wall time of reading and decoding the picture. Throws
    /// <see cref="ImageReadException"/> for an unusable picture, also when <paramref name="rois"/> is empty.
    /// </summary>
    private async Task<double> CutAsync(ImageInput image, List<RoiDefinition> rois, Action<RoiDefinition, RoiCrop> cropped,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await foreach (var cut in cropSource.CutAsync(image, rois.Select(r => r.Coords).ToList(), cancellationToken))
        {
            cropped(rois[cut.Index], cut.Crop);
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Product not found (404) or its file unusable (422 with the messages of spec 2.5).</summary>
    private static PreparedInspection? Refusal(string productName, SnapshotResult product) =>
        product.NotFound ? PreparedInspection.Refused(FailureKind.NotFound, $"Product not found: {productName}")
        : product.Snapshot is null ? PreparedInspection.Refused(FailureKind.ValidationFailed, ConfigurationInvalid, product.ValidationErrors)
        : null;

    private static List<RoiDefinition> Enabled(ProductSnapshot? snapshot) => snapshot?.Rois.Where(r => r.Enabled).ToList() ?? [];

    /// <summary>ROIs with a configuration error are failed as they are, never cut.</summary>
    private static List<RoiDefinition> Cuttable(IEnumerable<RoiDefinition> rois) => rois.Where(r => r.ConfigError is null).ToList();

    private static RoiWorkItem Item(RoiOutputFolder output, ProductSnapshot snapshot, RoiDefinition roi, RoiCrop? cut, string? group,
        string? error)
    {
        var crop = error is null ? cut : null;
        return new RoiWorkItem(snapshot.ProductName, snapshot.ProductFolder, roi, crop?.Crop, crop?.Warning,
            output.Folder, output.ClientPrefix, snapshot.ProductColorRanges, group,
            error ?? crop?.Error);
    }
}
