namespace Aoi.Grains.Engines.Colour;

/// <summary>Outcome of one colour analysis: pass flag, the threshold it was judged against and the wire keys.</summary>
public sealed record ColourVerdict(bool Passed, double Threshold, ColorOutcome Outcome);
