namespace Aoi.Tests.Browser;

/// <summary>Where the README's screenshots live: docs/screenshots/ of the checkout the tests were built from.</summary>
public static class Screenshots
{
    private static readonly Lazy<string?> Folder = new(Locate);

    public static string? DocsFolder => Folder.Value;

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aoi.sln")))
            {
                var folder = Path.Combine(dir.FullName, "docs", "screenshots");
                Directory.CreateDirectory(folder);
                return folder;
            }
        }

        return null;
    }
}
