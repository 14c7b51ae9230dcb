namespace Aoi.Grains.Golden;

/// <summary>
/// The old single-golden store &lt;product root&gt;/&lt;p&gt;/golden/roi_&lt;idx&gt;_golden.jpg (spec 4.1, 7.6). Inspection
/// never reads it; it is kept because the Tk client still writes and reads it.
/// </summary>
public sealed class LegacyGoldenStore(string productFolder, int roiIdx)
{
    public const string NotFound = "Golden sample not found";

    public string FilePath => Path.Combine(productFolder, "golden", $"roi_{roiIdx}_golden.jpg");

    public byte[]? Read() => File.Exists(FilePath) ? File.ReadAllBytes(FilePath) : null;

    /// <summary>Replaces the file atomically: a reader sees the old or the new picture, never a partial one.</summary>
    public void Save(byte[] jpeg)
    {
        var folder = Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".roi_{roiIdx}-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, jpeg);
            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>False when there was nothing to delete.</summary>
    public bool Delete()
    {
        if (!File.Exists(FilePath))
        {
            return false;
        }

        File.Delete(FilePath);
        return true;
    }
}
