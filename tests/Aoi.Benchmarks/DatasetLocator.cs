namespace Aoi.Benchmarks;

/// <summary>
/// Finds the real product data the same way the tests do: AOI_FEYES_DATASET, else a shared/datasets/feyes-products
/// folder beside the checkout (searched upwards from the working folder and from the program folder).
/// </summary>
public static class DatasetLocator
{
    public static string? Find(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return Directory.Exists(given) ? Path.GetFullPath(given) : null;
        }

        var fromEnv = Environment.GetEnvironmentVariable("AOI_FEYES_DATASET");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", "feyes-products");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
