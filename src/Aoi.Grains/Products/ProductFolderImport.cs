namespace Aoi.Grains.Products;

/// <summary>
/// Copies the parts of a legacy product folder that the server uses (spec 4.1) into a staging folder beside the
/// destination and renames it into place, so a half-finished import never looks like a product.
/// </summary>
internal static class ProductFolderImport
{
    /// <summary>Copies and publishes; returns the number of files copied under golden_rois/.</summary>
    public static int CopyInto(string sourceFolder, string destinationFolder, string productName)
    {
        var parent = Path.GetDirectoryName(destinationFolder)!;
        Directory.CreateDirectory(parent);
        // A leading dot is not a valid product name, so the staging folder is never listed as a product.
        var staging = Path.Combine(parent, $".import-{productName}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var file in new[] { $"rois_config_{productName}.json", $"colors_config_{productName}.json" })
            {
                var source = Path.Combine(sourceFolder, file);
                if (File.Exists(source))
                {
                    File.Copy(source, Path.Combine(staging, file));
                }
            }

            var goldenFiles = CopyTree(Path.Combine(sourceFolder, "golden_rois"), Path.Combine(staging, "golden_rois"));
            Directory.CreateDirectory(Path.Combine(staging, "golden_rois"));
            CopyTree(Path.Combine(sourceFolder, "golden"), Path.Combine(staging, "golden"));
            Directory.Move(staging, destinationFolder);
            return goldenFiles;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static int CopyTree(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            return 0;
        }

        var count = 0;
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
            count++;
        }

        return count;
    }
}
