namespace Aoi.Grains.Products;

/// <summary>The one default set of spec 2.3, shared by both formats, the loader and the save normaliser.</summary>
public static class RoiDefaults
{
    public const int Focus = 305;
    public const int Exposure = 3000;
    public const double CompareThreshold = 0.9;
    public const string CompareFeatureMethod = "mobilenet";
    public const int Rotation = 0;
    public const int DeviceLocation = 1;
    public const bool Enabled = true;
    public const int ColorTolerance = 10;
    public const double MinPixelPercentage = 5.0;
}
