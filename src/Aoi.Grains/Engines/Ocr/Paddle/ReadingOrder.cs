using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// PaddleOCR's reading order: top to bottom by the top-left corner; boxes whose tops differ by less than
/// <see cref="SameLineTolerance"/> px are one line and read left to right.
/// </summary>
public static class ReadingOrder
{
    private const float SameLineTolerance = 10;

    public static List<Point2f[]> Sort(IEnumerable<Point2f[]> boxes)
    {
        var sorted = boxes.OrderBy(b => b[0].Y).ThenBy(b => b[0].X).ToList();
        for (var i = 0; i < sorted.Count - 1; i++)
        {
            for (var j = i; j >= 0; j--)
            {
                var (first, second) = (sorted[j], sorted[j + 1]);
                if (Math.Abs(second[0].Y - first[0].Y) < SameLineTolerance && second[0].X < first[0].X)
                {
                    (sorted[j], sorted[j + 1]) = (second, first);
                }
                else
                {
                    break;
                }
            }
        }

        return sorted;
    }
}
