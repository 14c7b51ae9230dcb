namespace Aoi.Grains.Inspection;

/// <summary>
/// A submitted capture group (spec 6.5) with the enabled ROIs it answers for. The first group with a given
/// (focus, exposure) owns those ROIs; a later one is a duplicate, owns none, and cannot change the first's results.
/// </summary>
public sealed record GroupPlan(CaptureGroupInput Input, IReadOnlyList<RoiDefinition> Rois, bool OwnsRois, string? Error)
{
    public static IReadOnlyList<GroupPlan> Build(IEnumerable<CaptureGroupInput> submitted, IReadOnlyList<RoiDefinition> enabled)
    {
        var claimed = new HashSet<(int, int)>();
        var plans = new List<GroupPlan>();
        foreach (var input in submitted)
        {
            if (input.Focus is not { } focus || input.Exposure is not { } exposure)
            {
                plans.Add(new GroupPlan(input, [], false, input.Error ?? "missing focus/exposure"));
                continue;
            }

            if (!claimed.Add((focus, exposure)))
            {
                plans.Add(new GroupPlan(input, [], false, InspectionPreparation.DuplicateGroup));
                continue;
            }

            var rois = enabled.Where(r => r.Focus == focus && r.Exposure == exposure).ToList();
            var error = input.Error ?? (input.Image is null ? "no image provided" : null);
            plans.Add(new GroupPlan(input, rois, true, error));
        }

        return plans;
    }
}
