using Aoi.Grains.Imaging;
using OpenCvSharp;
using static Aoi.Grains.Demo.DemoBoardLayout;

namespace Aoi.Grains.Demo;

/// <summary>
/// Draws the synthetic demo PCB (solder mask, traces, vias, ICs with pin rows and notch, passives, connector, red LED,
/// code label) with OpenCV, text-free. Rendering is deterministic: the same arguments give the same pixels.
/// </summary>
public sealed class DemoBoardPainter(string labelText)
{
    private const int BoardTextureSeed = 20260101;

    private static readonly Scalar Fixture = new(52, 52, 55);
    private static readonly Scalar SolderMask = new(48, 108, 36);
    private static readonly Scalar CopperUnderMask = new(62, 138, 52);
    private static readonly Scalar Silkscreen = new(226, 230, 230);
    private static readonly Scalar Tin = new(172, 182, 188);
    private static readonly Scalar Gold = new(62, 168, 206);
    private static readonly Scalar PinMetal = new(204, 204, 208);
    private static readonly Scalar PinBend = new(150, 150, 156);
    private static readonly Scalar IcBody = new(34, 33, 36);
    private static readonly Scalar IcTop = new(44, 43, 46);
    private static readonly Scalar Hole = new(20, 22, 20);

    /// <summary>Pixel colour of the LED lens; the colour ROI expects it (as R, G, B).</summary>
    public static readonly Scalar LedRed = new(38, 36, 214);

    /// <summary>
    /// Renders the board under <paramref name="variation"/>. With <paramref name="withoutIc2"/> the small IC is not
    /// placed: its bare tinned pads and silkscreen outline show instead (the demo's "missing part" defect).
    /// </summary>
    public Mat Render(DemoVariation variation, bool withoutIc2 = false)
    {
        var img = new Mat(Height, Width, MatType.CV_8UC3, Fixture);
        DrawBoard(img);
        DrawTraces(img);
        DrawIc(img, Ic1Body, pinsPerSide: 14, pinsOnLongTopBottom: true, placed: true);
        DrawIc(img, Ic2Body, pinsPerSide: 4, pinsOnLongTopBottom: false, placed: !withoutIc2);
        DrawPassive(img, Resistor1, horizontal: true, body: new Scalar(30, 30, 30));
        DrawPassive(img, Resistor2, horizontal: true, body: new Scalar(30, 30, 30));
        DrawPassive(img, Capacitor1, horizontal: false, body: new Scalar(96, 148, 186));
        DrawPassive(img, new Rect(1700, 880, 100, 46), horizontal: true, body: new Scalar(96, 148, 186));
        DrawPassive(img, new Rect(640, 860, 46, 100), horizontal: false, body: new Scalar(30, 30, 30));
        DrawConnector(img);
        DrawLed(img);
        DrawElectrolytic(img, new Point(1180, 1260), 95);
        DrawLabel(img);
        return ApplyVariation(img, variation);
    }

    private static void DrawBoard(Mat img)
    {
        const int corner = 40;
        var b = Board;
        img.Rectangle(new Rect(b.X + corner, b.Y, b.Width - 2 * corner, b.Height), SolderMask, -1);
        img.Rectangle(new Rect(b.X, b.Y + corner, b.Width, b.Height - 2 * corner), SolderMask, -1);
        foreach (var c in Corners(b, corner))
        {
            img.Circle(c, corner, SolderMask, -1, LineTypes.AntiAlias);
        }

        // A solder mask is never perfectly even: add a faint low-frequency shading, fixed by its own seed.
        var random = new Random(BoardTextureSeed);
        var coarseValues = new float[12 * 18];
        for (var i = 0; i < coarseValues.Length; i++)
        {
            coarseValues[i] = (float)(random.NextDouble() * 2 - 1) * 6f;
        }

        using var coarse = Mat.FromPixelData(12, 18, MatType.CV_32FC1, coarseValues);
        using var shade = new Mat();
        Cv2.Resize(coarse, shade, new Size(b.Width, b.Height), 0, 0, InterpolationFlags.Cubic);
        using var shade3 = new Mat();
        Cv2.Merge([shade, shade, shade], shade3);
        using var boardArea = new Mat(img, b);
        using var asFloat = new Mat();
        boardArea.ConvertTo(asFloat, MatType.CV_32FC3);
        Cv2.Add(asFloat, shade3, asFloat);
        asFloat.ConvertTo(boardArea, MatType.CV_8UC3);
        foreach (var hole in Corners(b, 80))
        {
            img.Circle(hole, 38, Gold, -1, LineTypes.AntiAlias);
            img.Circle(hole, 22, Hole, -1, LineTypes.AntiAlias);
        }
    }

    private static IEnumerable<Point> Corners(Rect r, int inset) =>
    [
        new(r.X + inset, r.Y + inset), new(r.Right - inset, r.Y + inset),
        new(r.X + inset, r.Bottom - inset), new(r.Right - inset, r.Bottom - inset),
    ];

    private static void DrawTraces(Mat img)
    {
        Point[][] traces =
        [
            [new(1000, 560), new(1200, 560), new(1260, 500), new(1310, 500)],
            [new(1000, 620), new(1220, 620), new(1290, 690), new(1290, 880)],
            [new(740, 780), new(740, 1000), new(900, 1160), new(980, 1160)],
            [new(1650, 515), new(1950, 515), new(2010, 500)],
            [new(1260, 923), new(1700, 923)],
            [new(1800, 903), new(1900, 903), new(1980, 980), new(1980, 1150)],
            [new(1325, 1000), new(1325, 1100), new(1400, 1170), new(1520, 1170)],
            [new(560, 400), new(560, 250), new(1600, 250), new(1660, 310), new(1660, 420)],
        ];
        foreach (var t in traces)
        {
            img.Polylines([t], false, CopperUnderMask, 10, LineTypes.AntiAlias);
        }

        Point[] vias = [new(1310, 500), new(980, 1160), new(2010, 500), new(1980, 1150), new(1660, 420), new(560, 400)];
        foreach (var v in vias)
        {
            img.Circle(v, 14, Tin, -1, LineTypes.AntiAlias);
            img.Circle(v, 6, Hole, -1, LineTypes.AntiAlias);
        }
    }

    private static void DrawIc(Mat img, Rect body, int pinsPerSide, bool pinsOnLongTopBottom, bool placed)
    {
        var pins = PinRects(body, pinsPerSide, pinsOnLongTopBottom);
        var outline = pinsOnLongTopBottom
            ? new Rect(body.X - 12, body.Y - IcPinLength - 12, body.Width + 24, body.Height + 2 * IcPinLength + 24)
            : new Rect(body.X - IcPinLength - 12, body.Y - 12, body.Width + 2 * IcPinLength + 24, body.Height + 24);
        img.Rectangle(outline, Silkscreen, 3, LineTypes.AntiAlias);
        foreach (var (foot, _) in pins)
        {
            img.Rectangle(Grow(foot, 3), Tin, -1);
        }

        if (!placed)
        {
            return;
        }

        foreach (var (foot, bend) in pins)
        {
            img.Rectangle(foot, PinMetal, -1);
            img.Rectangle(bend, PinBend, -1);
        }

        img.Rectangle(body, IcBody, -1);
        img.Rectangle(Grow(body, -8), IcTop, -1);
        // The notch marks pin 1's end; it makes the part orientation visible (a part turned by 180° looks different).
        var notchCentre = pinsOnLongTopBottom
            ? new Point(body.X, body.Y + body.Height / 2)
            : new Point(body.X + body.Width / 2, body.Y);
        var notchAngle = pinsOnLongTopBottom ? 270 : 0;
        img.Ellipse(notchCentre, new Size(26, 26), notchAngle, 0, 180, new Scalar(20, 20, 22), -1, LineTypes.AntiAlias);
        var dot = pinsOnLongTopBottom
            ? new Point(body.X + 40, body.Bottom - 40)
            : new Point(body.X + 30, body.Y + 40);
        img.Circle(dot, 11, new Scalar(64, 63, 66), -1, LineTypes.AntiAlias);
    }

    /// <summary>Foot (the part soldered to the pad) and bend (darker shoulder next to the body) of every pin.</summary>
    private static List<(Rect Foot, Rect Bend)> PinRects(Rect body, int pinsPerSide, bool topBottom)
    {
        const int pinWidth = 18, bendLength = 12;
        var result = new List<(Rect, Rect)>();
        var span = topBottom ? body.Width : body.Height;
        var pitch = (span - 40) / pinsPerSide;
        for (var i = 0; i < pinsPerSide; i++)
        {
            var along = 20 + i * pitch + (pitch - pinWidth) / 2;
            if (topBottom)
            {
                var x = body.X + along;
                result.Add((new Rect(x, body.Y - IcPinLength, pinWidth, IcPinLength - bendLength), new Rect(x, body.Y - bendLength, pinWidth, bendLength)));
                result.Add((new Rect(x, body.Bottom + bendLength, pinWidth, IcPinLength - bendLength), new Rect(x, body.Bottom, pinWidth, bendLength)));
            }
            else
            {
                var y = body.Y + along;
                result.Add((new Rect(body.X - IcPinLength, y, IcPinLength - bendLength, pinWidth), new Rect(body.X - bendLength, y, bendLength, pinWidth)));
                result.Add((new Rect(body.Right + bendLength, y, IcPinLength - bendLength, pinWidth), new Rect(body.Right, y, bendLength, pinWidth)));
            }
        }

        return result;
    }

    private static void DrawPassive(Mat img, Rect part, bool horizontal, Scalar body)
    {
        var terminal = horizontal ? part.Width / 5 : part.Height / 5;
        Rect first, second, middle;
        if (horizontal)
        {
            first = new Rect(part.X, part.Y, terminal, part.Height);
            second = new Rect(part.Right - terminal, part.Y, terminal, part.Height);
            middle = new Rect(part.X + terminal, part.Y + 2, part.Width - 2 * terminal, part.Height - 4);
        }
        else
        {
            first = new Rect(part.X, part.Y, part.Width, terminal);
            second = new Rect(part.X, part.Bottom - terminal, part.Width, terminal);
            middle = new Rect(part.X + 2, part.Y + terminal, part.Width - 4, part.Height - 2 * terminal);
        }

        img.Rectangle(Grow(first, 5), Tin, -1);
        img.Rectangle(Grow(second, 5), Tin, -1);
        img.Rectangle(first, PinMetal, -1);
        img.Rectangle(second, PinMetal, -1);
        img.Rectangle(middle, body, -1);
        img.Rectangle(Grow(part, 12), Silkscreen, 2, LineTypes.AntiAlias);
    }

    private static void DrawConnector(Mat img)
    {
        var c = Connector;
        img.Rectangle(c, new Scalar(196, 212, 222), -1);
        img.Rectangle(Grow(c, -10), new Scalar(184, 200, 210), 3);
        // Keying slot on one long side, as on a real shrouded header.
        img.Rectangle(new Rect(c.X + c.Width / 2 - 40, c.Bottom - 14, 80, 14), new Scalar(120, 130, 136), -1);
        for (var row = 0; row < 2; row++)
        {
            for (var col = 0; col < 8; col++)
            {
                var centre = new Point(c.X + 50 + col * 65, c.Y + 45 + row * 60);
                img.Rectangle(new Rect(centre.X - 18, centre.Y - 18, 36, 36), new Scalar(40, 44, 46), -1);
                img.Rectangle(new Rect(centre.X - 9, centre.Y - 9, 18, 18), Gold, -1);
            }
        }
    }

    private static void DrawLed(Mat img)
    {
        var lens = LedLens;
        img.Rectangle(new Rect(lens.X - 34, lens.Y + 8, 30, lens.Height - 16), Tin, -1);
        img.Rectangle(new Rect(lens.Right + 4, lens.Y + 8, 30, lens.Height - 16), Tin, -1);
        img.Rectangle(Grow(lens, 4), new Scalar(210, 214, 214), -1);
        img.Rectangle(lens, LedRed, -1);
        img.Rectangle(Grow(lens, 22), Silkscreen, 2, LineTypes.AntiAlias);
    }

    private static void DrawElectrolytic(Mat img, Point centre, int radius)
    {
        img.Rectangle(new Rect(centre.X - radius - 14, centre.Y - radius - 14, 2 * radius + 28, 2 * radius + 28), Silkscreen, 2, LineTypes.AntiAlias);
        img.Circle(centre, radius, new Scalar(180, 182, 184), -1, LineTypes.AntiAlias);
        img.Ellipse(centre, new Size(radius, radius), 0, 200, 340, new Scalar(60, 50, 40), -1, LineTypes.AntiAlias);
        img.Circle(centre, radius / 2, new Scalar(200, 202, 204), 4, LineTypes.AntiAlias);
        img.Line(new Point(centre.X - radius / 2, centre.Y), new Point(centre.X + radius / 2, centre.Y), new Scalar(150, 152, 154), 4, LineTypes.AntiAlias);
        img.Line(new Point(centre.X, centre.Y - radius / 2), new Point(centre.X, centre.Y + radius / 2), new Scalar(150, 152, 154), 4, LineTypes.AntiAlias);
    }

    private void DrawLabel(Mat img)
    {
        using var label = CodeLabelRenderer.Render(labelText, Label.Width, Label.Height);
        using var target = new Mat(img, Label);
        label.CopyTo(target);
    }

    private static Rect Grow(Rect r, int by) => new(r.X - by, r.Y - by, r.Width + 2 * by, r.Height + 2 * by);

    private static Mat ApplyVariation(Mat img, DemoVariation v)
    {
        if (v.IsNone)
        {
            return img;
        }

        using var shiftMatrix = new Mat(2, 3, MatType.CV_64FC1);
        shiftMatrix.Set(0, 0, 1.0); shiftMatrix.Set(0, 1, 0.0); shiftMatrix.Set(0, 2, v.ShiftX);
        shiftMatrix.Set(1, 0, 0.0); shiftMatrix.Set(1, 1, 1.0); shiftMatrix.Set(1, 2, v.ShiftY);
        using var shifted = new Mat();
        Cv2.WarpAffine(img, shifted, shiftMatrix, img.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        img.Dispose();

        using var lit = new Mat();
        shifted.ConvertTo(lit, MatType.CV_16SC3, v.Gain, v.Offset);
        if (v.NoiseSigma > 0)
        {
            // Uniform noise with the requested standard deviation: range = sigma·√12.
            var range = v.NoiseSigma * Math.Sqrt(12);
            var bytes = new byte[lit.Rows * lit.Cols * 3];
            new Random(v.NoiseSeed).NextBytes(bytes);
            using var raw = Mat.FromPixelData(lit.Rows, lit.Cols, MatType.CV_8UC3, bytes);
            using var noise = new Mat();
            raw.ConvertTo(noise, MatType.CV_16SC3, range / 255.0, -range / 2);
            Cv2.Add(lit, noise, lit);
        }

        var result = new Mat();
        lit.ConvertTo(result, MatType.CV_8UC3);
        return result;
    }
}
