namespace Aoi.Grains.Imaging;

/// <summary>A picture that cannot be used: not found, too large or unreadable, with the legacy error text of spec 5.5.</summary>
public sealed class ImageReadException(FailureKind kind, string message) : Exception(message)
{
    public FailureKind Kind { get; } = kind;
}
