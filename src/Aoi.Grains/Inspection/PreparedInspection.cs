namespace Aoi.Grains.Inspection;

/// <summary>
/// A prepared inspection, its work items already dispatched (<see cref="InspectionPreparation"/>): the snapshot, the
/// submitted capture groups (grouped only), the pictures' decode time — or why it is refused.
/// </summary>
public sealed record PreparedInspection(
    ProductSnapshot? Snapshot,
    IReadOnlyList<PreparedGroup>? Groups,
    double DecodeMs,
    Failure? Failure = null)
{
    public static PreparedInspection Refused(FailureKind kind, string error, string[]? validationErrors = null) =>
        new(null, null, 0, new Failure(kind, error, validationErrors));

    /// <summary>
    /// The group_results entries (spec 6.5) once the ROIs have answered: counts over the group's own ROIs, and its
    /// time = reading its picture plus the ROI phase the group ran in.
    /// </summary>
    public GroupResult[]? Summarise(IReadOnlyCollection<RoiResult> results, double roiPhaseMs) =>
        Groups?.Select(g =>
        {
            var input = g.Input;
            var seconds = Math.Round((g.ReadMs + (g.Error is null ? roiPhaseMs : 0)) / 1000, 3);
            if (g.Error is not null)
            {
                return new GroupResult(input.Key, input.Focus, input.Exposure, g.Error, null, null, seconds);
            }

            var own = results.Where(r => g.RoiIds.Contains(r.RoiId)).ToList();
            return new GroupResult(input.Key, input.Focus, input.Exposure, null,
                g.RoiIds.Count == 0 ? InspectionPreparation.UnusedGroup : null, OverallResult.Of(own), seconds);
        }).ToArray();
}

/// <summary>A submitted capture group after reading its picture: the ROIs it answers for, or its error.</summary>
public sealed record PreparedGroup(CaptureGroupInput Input, IReadOnlySet<int> RoiIds, string? Error, double ReadMs);
