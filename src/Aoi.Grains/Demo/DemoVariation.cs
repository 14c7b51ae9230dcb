namespace Aoi.Grains.Demo;

/// <summary>
/// Capture-to-capture differences of a real line camera applied to a rendered board: sub-pixel placement shift,
/// illumination gain/offset and sensor noise. Deterministic for a given <see cref="NoiseSeed"/>.
/// </summary>
public sealed record DemoVariation(double ShiftX, double ShiftY, double Gain, double Offset, double NoiseSigma, int NoiseSeed)
{
    /// <summary>The reference capture: no shift, no gain change, no noise.</summary>
    public static DemoVariation None { get; } = new(0, 0, 1, 0, 0, 0);

    public bool IsNone => ShiftX == 0 && ShiftY == 0 && Gain == 1 && Offset == 0 && NoiseSigma == 0;
}
