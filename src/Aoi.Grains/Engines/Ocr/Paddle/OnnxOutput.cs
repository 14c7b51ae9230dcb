namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>A model output copied out of native memory: row-major values and their shape.</summary>
public sealed record OnnxOutput(float[] Values, long[] Shape);
