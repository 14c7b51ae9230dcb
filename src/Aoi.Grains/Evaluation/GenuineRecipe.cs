namespace Aoi.Grains.Evaluation;

/// <summary>
/// One genuine nuisance variant of the best golden (spec 3.6): a shift as a fraction of the ROI size, then blur, gain
/// and offset of the light, sensor noise and JPEG re-encoding, applied to the whole board canvas in that order
/// (optics before the sensor, the sensor before the encoder). Neutral values leave a step out.
/// </summary>
public sealed record GenuineRecipe(
    string Name,
    double ShiftX = 0,
    double ShiftY = 0,
    double Gain = 1.0,
    double Offset = 0,
    double BlurSigma = 0,
    double NoiseSigma = 0,
    int JpegQuality = 0)
{
    /// <summary>
    /// The fixed list: single nuisances at their limits (shift ±4 % in 8 directions, gain ±12 %, offset ±8, blur σ 0.5
    /// and 0.8, noise σ 3, JPEG 90 and 95, 15 % less light) and combinations of them. 28 variants.
    /// </summary>
    public static IReadOnlyList<GenuineRecipe> Standard { get; } =
    [
        new("shift +4%x", ShiftX: 0.04),
        new("shift -4%x", ShiftX: -0.04),
        new("shift +4%y", ShiftY: 0.04),
        new("shift -4%y", ShiftY: -0.04),
        new("shift +4%x+4%y", ShiftX: 0.04, ShiftY: 0.04),
        new("shift -4%x+4%y", ShiftX: -0.04, ShiftY: 0.04),
        new("shift +4%x-4%y", ShiftX: 0.04, ShiftY: -0.04),
        new("shift -4%x-4%y", ShiftX: -0.04, ShiftY: -0.04),
        new("shift +2%x-1%y", ShiftX: 0.02, ShiftY: -0.01),
        new("gain +12%", Gain: 1.12),
        new("gain -12%", Gain: 0.88),
        new("offset +8", Offset: 8),
        new("offset -8", Offset: -8),
        new("blur 0.5", BlurSigma: 0.5),
        new("blur 0.8", BlurSigma: 0.8),
        new("noise 3", NoiseSigma: 3),
        new("jpeg 90", JpegQuality: 90),
        new("jpeg 95", JpegQuality: 95),
        new("light -15%", Gain: 0.85),
        new("shift +4%x+4%y gain +12% blur 0.8 noise 3 jpeg 90", 0.04, 0.04, 1.12, 0, 0.8, 3, 90),
        new("shift -4%x+2%y light -15% offset -8 noise 3 jpeg 95", -0.04, 0.02, 0.85, -8, 0, 3, 95),
        new("shift +2%x-4%y gain -12% offset +8 blur 0.5 jpeg 92", 0.02, -0.04, 0.88, 8, 0.5, 0, 92),
        new("shift -3%x-3%y gain +8% noise 3 jpeg 93", -0.03, -0.03, 1.08, 0, 0, 3, 93),
        new("shift +4%x gain +12% offset +8", ShiftX: 0.04, Gain: 1.12, Offset: 8),
        new("shift -4%y light -15% offset -8 blur 0.8", ShiftY: -0.04, Gain: 0.85, Offset: -8, BlurSigma: 0.8),
        new("blur 0.8 noise 3 jpeg 90", BlurSigma: 0.8, NoiseSigma: 3, JpegQuality: 90),
        new("gain -12% offset -8 noise 3", Gain: 0.88, Offset: -8, NoiseSigma: 3),
        new("shift +1%x+3%y blur 0.5 noise 3 jpeg 95", 0.01, 0.03, 1.0, 0, 0.5, 3, 95),
    ];
}
