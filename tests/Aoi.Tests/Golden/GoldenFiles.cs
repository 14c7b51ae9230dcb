using System.Security.Cryptography;
using OpenCvSharp;

namespace Aoi.Tests.Golden;

/// <summary>Temporary golden folders and small, pairwise different JPEG/PNG pictures for the golden library tests.</summary>
public static class GoldenFiles
{
    /// <summary>A fresh product root with golden_rois/roi_&lt;idx&gt; folders under the system temp folder.</summary>
    public static string NewRoot() => Directory.CreateTempSubdirectory("aoi-golden-").FullName;

    /// <summary>A 48×32 JPEG filled with a colour derived from <paramref name="seed"/>, so different seeds give different bytes.</summary>
    public static byte[] Jpeg(int seed) => Encode(".jpg", seed);

    public static byte[] Png(int seed) => Encode(".png", seed);

    /// <summary>Creates <paramref name="folder"/> holding each name with its own picture; returns name → content hash.</summary>
    public static Dictionary<string, string> Fill(string folder, params string[] names)
    {
        Directory.CreateDirectory(folder);
        var hashes = new Dictionary<string, string>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var bytes = Jpeg(Math.Abs(HashCode.Combine(folder, name, i)) % 100_000);
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            hashes[name] = Hash(bytes);
        }

        return hashes;
    }

    public static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    /// <summary>Content hash of every file in the folder, sorted (a multiset, to find lost or duplicated pictures).</summary>
    public static string[] ContentHashes(string folder) =>
        Directory.EnumerateFiles(folder).Select(f => Hash(File.ReadAllBytes(f))).Order(StringComparer.Ordinal).ToArray();

    public static string[] Names(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static byte[] Encode(string extension, int seed)
    {
        using var image = new Mat(32, 48, MatType.CV_8UC3, new Scalar(seed % 256, seed / 256 % 256, seed / 65536 % 256));
        // A seed-dependent mark, so that two seeds with the same colour still differ.
        image.Rectangle(new Rect(seed % 40, seed / 7 % 24, 8, 8), new Scalar(255 - seed % 256, 128, seed % 199), -1);
        Cv2.ImEncode(extension, image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return bytes;
    }
}
