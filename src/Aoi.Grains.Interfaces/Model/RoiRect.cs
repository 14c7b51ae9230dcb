namespace Aoi.Grains.Interfaces;

/// <summary>ROI rectangle in full-frame pixels; x2/y2 exclusive (spec 2.1).</summary>
[GenerateSerializer, Immutable, Alias("aoi.RoiRect")]
public sealed record RoiRect(
    [property: Id(0)] int X1,
    [property: Id(1)] int Y1,
    [property: Id(2)] int X2,
    [property: Id(3)] int Y2)
{
    public int Width => X2 - X1;
    public int Height => Y2 - Y1;
    public int[] ToArray() => [X1, Y1, X2, Y2];
}
