namespace Aoi.Grains.Review;

/// <summary>
/// The engine's verdict on a crop against a library: pass or not, the similarity it reported and the threshold it
/// used; <see cref="Error"/> when the crop or the library could not be judged (then <see cref="Passed"/> is false).
/// </summary>
public sealed record LibraryJudgement(bool Passed, double Similarity, double Threshold, string? Error);
