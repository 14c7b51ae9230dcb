using Aoi.Grains.Golden;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>The golden captures of one compare ROI in library order (spec 3.3), loaded read-only at the ROI size.</summary>
public sealed class RoiLibrary : IDisposable
{
    private RoiLibrary(IReadOnlyList<LibraryCapture> captures) => Captures = captures;

    /// <summary>best_golden.jpg first, then ordinal by file name: the order the server scans.</summary>
    public IReadOnlyList<LibraryCapture> Captures { get; }

    public LibraryCapture? Best => Captures.FirstOrDefault(c => c.IsBest);

    public static RoiLibrary Load(string folder, Size roiSize)
    {
        var captures = new List<LibraryCapture>();
        foreach (var candidate in new GoldenFolder(folder).ListCandidates())
        {
            captures.Add(Read(candidate.Name, candidate.FullPath, roiSize));
        }

        return new RoiLibrary(captures);
    }

    public void Dispose()
    {
        foreach (var capture in Captures)
        {
            capture.Dispose();
        }
    }

    private static LibraryCapture Read(string name, string path, Size roiSize)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LibraryCapture(name, null, null);
        }

        var decoded = bytes.Length == 0 ? new Mat() : Cv2.ImDecode(bytes, ImreadModes.Color);
        if (decoded.Empty())
        {
            decoded.Dispose();
            return new LibraryCapture(name, null, null);
        }

        var size = decoded.Size();
        if (size == roiSize)
        {
            return new LibraryCapture(name, size, decoded);
        }

        using (decoded)
        {
            // Same interpolation rule as the server's golden loading (area when shrinking, bilinear when enlarging).
            var resized = new Mat();
            var shrinking = roiSize.Width * (long)roiSize.Height < size.Width * (long)size.Height;
            Cv2.Resize(decoded, resized, roiSize, 0, 0, shrinking ? InterpolationFlags.Area : InterpolationFlags.Linear);
            return new LibraryCapture(name, size, resized);
        }
    }
}
