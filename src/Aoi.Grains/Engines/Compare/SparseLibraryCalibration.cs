using Aoi.Grains.Evaluation;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Calibration anchors for a ROI whose library holds one or two goldens. Such a library shows nothing of how real
/// captures of the part vary, and how far the raw score drops under the same capture variation depends on the part:
/// a 40×30 px resistor loses far more to a 10 % shift and a focus change than a 300 px connector (measured on
/// 01858512: real captures of the tiny resistors score raw 0.59–0.69 against one golden, while the fixed genuine anchor
/// is 0.77). So the reference golden is put through the capture variation the real libraries show (shift 6–12 % of the
/// ROI, focus blur σ 0.8–1.5, ±10 % light, noise, JPEG) on its own mirrored board scene, and the lowest raw score of
/// those variants against the reference becomes this ROI's genuine anchor (never above the fixed one, never below
/// <see cref="Floor"/>, the level synthetic defects reach on the measured libraries); the defect anchor keeps the fixed
/// gap below it. Genuine variation only: no defect is ever used to calibrate. Larger libraries use the fixed anchors
/// (their variation is handled by the library memory, and there this calibration raised escapes).
/// </summary>
public static class SparseLibraryCalibration
{
    /// <summary>Libraries up to this many readable goldens get their own anchors.</summary>
    public const int MaxGoldens = 2;

    /// <summary>Lowest genuine anchor.</summary>
    public const double Floor = 0.62;

    /// <summary>The capture variation: stronger than the spec's nuisance (±4 %, σ ≤ 0.8), as real captures are.</summary>
    public static IReadOnlyList<GenuineRecipe> CaptureVariation { get; } =
    [
        new("+10%x blur 1.2", ShiftX: 0.10, BlurSigma: 1.2),
        new("-10%y blur 1.2", ShiftY: -0.10, BlurSigma: 1.2),
        new("+8%x+8%y light -10% blur 1.0 noise 3 jpeg 85", 0.08, 0.08, 0.9, 0, 1.0, 3, 85),
        new("-8%x+8%y blur 1.5", -0.08, 0.08, BlurSigma: 1.5),
        new("+6%x-10%y light +10% blur 0.8", 0.06, -0.10, 1.1, 0, 0.8),
        new("-12%x blur 1.0 noise 4", ShiftX: -0.12, BlurSigma: 1.0, NoiseSigma: 4),
    ];

    private const int Seed = 20_261_126;

    public static ScoreAnchors Anchors(AlignedSpatialSimilarity method, Mat reference, ImageFeatures referenceFeatures)
    {
        var scene = new BoardScene(reference.Size());
        var lowest = double.PositiveInfinity;
        for (var k = 0; k < CaptureVariation.Count; k++)
        {
            using var variant = GenuineVariants.Render(scene, reference, CaptureVariation[k], Seed + k);
            lowest = Math.Min(lowest, method.Explain(method.Extract(variant), referenceFeatures, withPlacement: false).Raw);
        }

        var genuine = Math.Clamp(lowest, Floor, ScoreCalibration.GenuineRaw);
        return new ScoreAnchors(genuine - (ScoreCalibration.GenuineRaw - ScoreCalibration.DefectRaw), genuine);
    }
}
