namespace Aoi.Grains.Cfx.Messages;

/// <summary>CFX.Structures.Region: a planar outline, a start point and the points that follow it.</summary>
public sealed record Region(double StartPointX, double StartPointY, IReadOnlyList<Segment> RegionSegments)
{
    /// <summary>The outline of a ROI rectangle, clockwise from its top-left corner back to it.</summary>
    public static Region Of(RoiRect r) =>
        new(r.X1, r.Y1, [new Segment(r.X2, r.Y1), new Segment(r.X2, r.Y2), new Segment(r.X1, r.Y2), new Segment(r.X1, r.Y1)]);
}

/// <summary>CFX.Structures.Segment: one point of a <see cref="Region"/> outline.</summary>
public sealed record Segment(double X, double Y);
