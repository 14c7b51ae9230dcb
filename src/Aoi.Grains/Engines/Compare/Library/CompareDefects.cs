namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>The values of a failed compare ROI's <c>defect</c> key, and the names of its checks.</summary>
public static class CompareDefects
{
    public const string Missing = "missing";
    public const string Displaced = "displaced";
    public const string Rotated = "rotated";
    public const string WrongPart = "wrong_part";
    public const string ForeignObject = "foreign_object";
    public const string Different = "different";

    public const string PresenceCheck = "presence";
    public const string PlacementCheck = "placement";
    public const string OrientationCheck = "orientation";
    public const string AppearanceCheck = "appearance";
    public const string ForeignMatterCheck = "foreign_matter";
    public const string SimilarityCheck = "similarity";
}
