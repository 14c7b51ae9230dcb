namespace Aoi.Grains.Imaging;

/// <summary>A picture that cannot be used, with the HTTP status and legacy error text of spec 5.5.</summary>
public sealed class ImageReadException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
