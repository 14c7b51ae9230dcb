using Aoi.Grains.Golden;
using Aoi.Grains.History;
using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Review;

/// <summary>
/// Judges what people confirmed against the product's current libraries (through <see cref="IProposedLibraryJudge"/>): each
/// regression sample should fail, each confirmed false call whose crop is still kept shows whether it passes now
/// (learned, or fixed otherwise). Read-only; for the product evaluation report.
/// </summary>
public sealed class ConfirmedSamplesEvaluator(
    IProposedLibraryJudge judge, RegressionSamples samples, IReviewStore reviews, HistoryImageKeeper images, AoiPaths paths, IOptions<AoiOptions> options)
{
    public async Task<ConfirmedSamplesReport> EvaluateAsync(ProductSnapshot product, CancellationToken cancellationToken)
    {
        var falseCalls = await reviews.FalseCallsAsync(product.ProductName, cancellationToken);
        var rois = new List<ConfirmedRoiSamples>();
        foreach (var roi in product.Rois.Where(r => r.Type == RoiDefinition.Compare).OrderBy(r => r.Idx))
        {
            var library = new GoldenFolder(paths.GoldenFolder(product.ProductName, roi.Idx)).ListCandidates();
            var defects = new List<ConfirmedSampleVerdict>();
            foreach (var sample in samples.List(product.ProductName, roi.Idx))
            {
                defects.Add(await JudgeAsync(product.ProductName, roi, sample.Info.InspectionId, sample.CropFile, library, cancellationToken));
            }

            var calls = new List<ConfirmedSampleVerdict>();
            foreach (var call in falseCalls.Where(c => c.RoiId == roi.Idx))
            {
                calls.Add(call is { ImageFolder: { } folder, ImageFile: { } file } && File.Exists(Path.Combine(images.FolderOf(folder), file))
                    ? await JudgeAsync(product.ProductName, roi, call.InspectionId, Path.Combine(images.FolderOf(folder), file), library, cancellationToken)
                    : new ConfirmedSampleVerdict(call.InspectionId, 0, false, "crop no longer kept"));
            }

            if (defects.Count > 0 || calls.Count > 0)
            {
                rois.Add(new ConfirmedRoiSamples(roi.Idx, roi.AiThreshold ?? options.Value.DefaultCompareThreshold, [.. defects], [.. calls]));
            }
        }

        return new ConfirmedSamplesReport(product.ProductName, [.. rois]);
    }

    private async Task<ConfirmedSampleVerdict> JudgeAsync(string product, RoiDefinition roi, string inspectionId, string crop,
        IReadOnlyList<GoldenCandidate> library, CancellationToken cancellationToken)
    {
        var judgement = await judge.JudgeAsync(product, roi, crop, library, cancellationToken);
        return new ConfirmedSampleVerdict(inspectionId, judgement.Similarity, judgement.Passed, judgement.Error);
    }
}
