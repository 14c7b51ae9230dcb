namespace Aoi.Grains.Products;

/// <summary>One capture group: the enabled ROIs sharing a (focus, exposure) pair (spec 2.7).</summary>
public sealed record CaptureGroup(string Key, int Focus, int Exposure, IReadOnlyList<RoiDefinition> Rois);

/// <summary>Groups enabled ROIs by (focus, exposure) in order of first appearance; the first group is the home setting.</summary>
public static class CaptureGroups
{
    public static IReadOnlyList<CaptureGroup> Build(IEnumerable<RoiDefinition> rois)
    {
        var groups = new List<(string Key, int Focus, int Exposure, List<RoiDefinition> Rois)>();
        foreach (var roi in rois.Where(r => r.Enabled))
        {
            var key = roi.GroupKey;
            var index = groups.FindIndex(g => g.Key == key);
            if (index < 0)
            {
                groups.Add((key, roi.Focus, roi.Exposure, [roi]));
            }
            else
            {
                groups[index].Rois.Add(roi);
            }
        }

        return groups.Select(g => new CaptureGroup(g.Key, g.Focus, g.Exposure, g.Rois)).ToList();
    }
}
