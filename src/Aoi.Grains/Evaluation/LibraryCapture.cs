using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// One golden file of a ROI folder as read for evaluation: its decoded size and the image at the ROI size (null when
/// unreadable). Read-only: the file is never written, renamed or touched.
/// </summary>
public sealed class LibraryCapture(string name, Size? decodedSize, Mat? image) : IDisposable
{
    public string Name { get; } = name;

    public bool IsBest => Name == Golden.GoldenFolder.BestName;

    /// <summary>Size of the stored image, null when it could not be decoded.</summary>
    public Size? DecodedSize { get; } = decodedSize;

    /// <summary>8-bit BGR at the ROI size (resized as the server does), null when unreadable.</summary>
    public Mat? Image { get; } = image;

    public void Dispose() => Image?.Dispose();
}
