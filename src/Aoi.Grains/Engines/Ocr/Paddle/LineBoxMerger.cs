using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// Joins boxes of one text line that overlap after unclipping. DB splits a line at wide letter gaps and the
/// grown boxes then reach into the neighbour's letters, which the recogniser reads as extra characters
/// ("HELLO" + "D WORLD"); one box per line reads the line once.
/// </summary>
public static class LineBoxMerger
{
    public static List<Point2f[]> Merge(List<Point2f[]> boxes)
    {
        var merged = boxes.ToList();
        for (var i = 0; i < merged.Count; i++)
        {
            for (var j = i + 1; j < merged.Count; j++)
            {
                if (SameLineAndOverlapping(merged[i], merged[j]))
                {
                    merged[i] = DbBoxExtractor.OrderCorners(Cv2.MinAreaRect(merged[i].Concat(merged[j])).Points());
                    merged.RemoveAt(j);
                    // The grown box may now reach boxes already passed over.
                    j = i;
                }
            }
        }

        return merged;
    }

    private static bool SameLineAndOverlapping(Point2f[] a, Point2f[] b)
    {
        var overlap = Cv2.IntersectConvexConvex(a, b, out _);
        if (overlap <= 0)
        {
            return false;
        }

        // Same line: centres closer vertically than half of the smaller box height (lines above/below differ by a full height).
        var (aTop, aBottom) = (a.Min(p => p.Y), a.Max(p => p.Y));
        var (bTop, bBottom) = (b.Min(p => p.Y), b.Max(p => p.Y));
        var centreGap = Math.Abs((aTop + aBottom) / 2 - (bTop + bBottom) / 2);
        return centreGap < Math.Min(aBottom - aTop, bBottom - bTop) / 2;
    }
}
