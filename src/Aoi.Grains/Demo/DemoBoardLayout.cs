using OpenCvSharp;

namespace Aoi.Grains.Demo;

/// <summary>
/// Where everything sits on the generated demo board (pixels of the demo picture) and which ROI inspects what.
/// Kept apart from the painter so the configuration and the drawing cannot disagree about a rectangle.
/// </summary>
public static class DemoBoardLayout
{
    public const int Width = 2400, Height = 1600;

    /// <summary>Board outline inside the fixture.</summary>
    public static readonly Rect Board = new(40, 40, 2320, 1520);

    /// <summary>Large IC (two pin rows of 14 along its long sides, notch on the left end).</summary>
    public static readonly Rect Ic1Body = new(480, 470, 520, 240);

    /// <summary>Small IC (two pin rows of 4 along its left and right sides, notch on the top end).</summary>
    public static readonly Rect Ic2Body = new(1380, 440, 200, 150);

    /// <summary>Two-row, 2×8 pin header in a light housing.</summary>
    public static readonly Rect Connector = new(1500, 1180, 560, 150);

    /// <summary>SMD resistors (black bodies) and capacitor (tan body), terminals included.</summary>
    public static readonly Rect Resistor1 = new(1160, 900, 100, 46);
    public static readonly Rect Resistor2 = new(1160, 972, 100, 46);
    public static readonly Rect Capacitor1 = new(1300, 890, 50, 110);

    /// <summary>Red LED lens (its terminals are outside this rectangle).</summary>
    public static readonly Rect LedLens = new(2020, 470, 110, 64);

    /// <summary>White code label.</summary>
    public static readonly Rect Label = new(260, 1120, 720, 260);

    public const int IcPinLength = 46;

    public const int BarcodeRoiId = 1, Ic1RoiId = 2, Ic2RoiId = 3, ConnectorRoiId = 4, PassivesRoiId = 5, LedRoiId = 6;

    /// <summary>ROI rectangles by idx: each compare ROI holds its part with pins and some bare board around it.</summary>
    public static readonly IReadOnlyDictionary<int, Rect> Rois = new Dictionary<int, Rect>
    {
        [BarcodeRoiId] = Inflate(Label, 20, 20),
        [Ic1RoiId] = Inflate(Ic1Body, 30, IcPinLength + 30),
        // Tight around pins and body: the silkscreen outline stays outside, as it is there whether or not the part is.
        [Ic2RoiId] = Inflate(Ic2Body, IcPinLength + 6, 6),
        [ConnectorRoiId] = Inflate(Connector, 30, 30),
        [PassivesRoiId] = new Rect(1130, 860, 250, 170),
        // Inside the lens only, so the colour check measures the LED and not the board around it.
        [LedRoiId] = new Rect(LedLens.X + 10, LedLens.Y + 8, LedLens.Width - 20, LedLens.Height - 16),
    };

    private static Rect Inflate(Rect r, int dx, int dy) => new(r.X - dx, r.Y - dy, r.Width + 2 * dx, r.Height + 2 * dy);
}
