using OpenCvSharp;

namespace Aoi.Grains.Engines;

/// <summary>What one ROI type's evaluator needs: the clipped BGR crop and the ROI with its product context. A dry run
/// (<see cref="RoiWorkItem.DryRun"/>) is judged alike but changes nothing, e.g. promotes no golden.</summary>
public sealed record RoiEvaluationContext(
    Mat Crop,
    RoiDefinition Roi,
    string ProductName,
    string ProductFolder,
    ColorRange[]? ProductColorRanges,
    bool DryRun = false);

/// <summary>
/// Verdict of one evaluator. <see cref="GoldenUsed"/> is the golden picture that gave the reported similarity
/// (compare only), already resized to the crop size; the caller writes it as golden_idx.jpg and disposes it.
/// </summary>
public sealed record RoiEvaluation(
    bool Passed,
    string? Error = null,
    string? Warning = null,
    string? Detail = null,
    BarcodeOutcome? Barcode = null,
    CompareOutcome? Compare = null,
    OcrOutcome? Ocr = null,
    ColorOutcome? Color = null,
    double? ColorThreshold = null,
    Mat? GoldenUsed = null);

/// <summary>Evaluates ROIs of one type (1 barcode, 2 compare, 3 OCR, 4 colour). Plain class, no Orleans inside.</summary>
public interface IRoiEvaluator
{
    int RoiType { get; }

    Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken);
}
