namespace Aoi.Grains.Review;

/// <summary>
/// A verdict on one failed ROI as the reviewer gave it. <see cref="Learn"/> null means "not said": then
/// <see cref="ReviewOptions.AutoLearnFalseCalls"/> decides for reviewers who may learn.
/// </summary>
public sealed record ReviewRequest(string InspectionId, int RoiId, string Verdict, string? DefectKind, string? Note, bool? Learn);

/// <summary>Who gives a verdict ("key:…", "network:…", "loopback") with the role name, and whether that role may learn goldens.</summary>
public sealed record Reviewer(string Name, string Role, bool MayLearn);
