namespace Aoi.Tests.TestSupport;

/// <summary>
/// Locates the real product data in ../shared/datasets/feyes-products (beside the checkout). Tests that need it
/// call <see cref="RequireFeyes"/>, which skips the test cleanly when the data is absent.
/// </summary>
public static class Datasets
{
    private static readonly Lazy<string?> FeyesRoot = new(Locate);

    public static string? Feyes => FeyesRoot.Value;

    public static readonly string[] FeyesProducts =
        ["01858512", "20000803", "20002857", "20003548", "20004960", "20006491", "20006498", "20007325", "knx-2272"];

    /// <summary>Path of the dataset root; skips the running test when it is not there.</summary>
    public static string RequireFeyes()
    {
        var root = Feyes;
        Assert.SkipWhen(root is null, "real product data (../shared/datasets/feyes-products) not present");
        return root!;
    }

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("AOI_FEYES_DATASET");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "feyes-products");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
