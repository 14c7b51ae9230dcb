using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Products;

/// <summary>
/// Reads and writes product configurations in the legacy folder layout (spec 2, 4.1, 7.2). Callers serialise
/// changes per product (the product grain); this class does the file work and validation.
/// </summary>
public sealed class ProductConfigStore
{
    public const string ConfigInvalidError = "ROI configuration invalid";
    public const string SaveValidationError = "ROI validation failed";
    public const string ColorValidationError = "Color configuration validation failed";
    public const string NoColorConfigMessage = "No color configuration found for this product";

    private readonly AoiPaths paths;
    private readonly double defaultCompareThreshold;

    public ProductConfigStore(AoiPaths paths)
        : this(paths, RoiDefaults.CompareThreshold)
    {
    }

    public ProductConfigStore(AoiPaths paths, IOptions<AoiOptions> options)
        : this(paths, options.Value.DefaultCompareThreshold)
    {
    }

    private ProductConfigStore(AoiPaths paths, double defaultCompareThreshold)
    {
        this.paths = paths;
        this.defaultCompareThreshold = defaultCompareThreshold;
    }

    public AoiPaths Paths => paths;

    /// <summary>Size and write time of the product's files; null when the product does not exist.</summary>
    public ProductFileStamp? FileStamp(string productName) =>
        ProductNames.IsValid(productName)
            ? ProductFileStamp.Of(paths.ConfigFile(productName), paths.ColorsFile(productName))
            : null;

    /// <summary>Load the stored configuration: snapshot, not found, or unusable (422 messages) — spec 2.5.</summary>
    public SnapshotResult LoadSnapshot(string productName)
    {
        if (!ProductNames.IsValid(productName) || !paths.ProductExists(productName))
        {
            return new SnapshotResult(null, true, []);
        }

        var stamp = FileStamp(productName);
        var colours = ProductColorFile.Read(paths.ColorsFile(productName));
        if (!TryReadText(paths.ConfigFile(productName), out var text))
        {
            return new SnapshotResult(null, true, []);
        }

        var list = RoiList.Parse(text, colours.ValidRanges.Length > 0, defaultCompareThreshold);
        if (!list.IsUsable)
        {
            return new SnapshotResult(null, false, [.. list.Messages]);
        }

        var snapshot = new ProductSnapshot(
            productName, stamp?.ConfigTicks ?? 0, list.Definitions,
            colours.ValidRanges.Length > 0 ? colours.ValidRanges : null, paths.ProductFolder(productName));
        return new SnapshotResult(snapshot, false, []);
    }

    /// <summary>Stored ROI objects as written (array entries converted to objects with defaults).</summary>
    public StoredRois ReadStoredRois(string productName)
    {
        if (Check(productName, mustExist: true) is { } error)
        {
            return new StoredRois(error, null);
        }

        var list = ReadList(productName);
        if (list is null)
        {
            return new StoredRois(NotFound(productName), null);
        }

        if (!list.IsUsable)
        {
            return new StoredRois(new Failure(FailureKind.ValidationFailed, ConfigInvalidError, [.. list.Messages]), null);
        }

        // Objects go back exactly as stored; only old array entries are rewritten, as canonical objects.
        var rois = new JsonArray(list.Rois
            .Select(r => list.Source![r.Position] is JsonObject stored ? stored.DeepClone() : r.Canonical!.DeepClone())
            .ToArray());
        return new StoredRois(null, rois);
    }

    /// <summary>Spec 2.6: validate, normalise, atomic write, delete golden folders of removed idx.</summary>
    public SaveRoisResult SaveRois(string productName, JsonArray rois)
    {
        if (!ProductNames.IsValid(productName))
        {
            return new SaveRoisResult(InvalidName, 0, []);
        }

        var colours = ProductColorFile.Read(paths.ColorsFile(productName));
        var list = RoiList.Parse(rois, colours.ValidRanges.Length > 0, defaultCompareThreshold);
        if (list.Messages.Count > 0)
        {
            return new SaveRoisResult(new Failure(FailureKind.ValidationFailed, SaveValidationError, [.. list.Messages]), 0, []);
        }

        // Golden folders are only removed when the previous file told us reliably which ROIs existed.
        var previous = paths.ProductExists(productName) ? ReadList(productName) : null;
        var previousIdx = previous is { IsUsable: true } ? previous.Rois.Select(r => r.Idx!.Value).ToHashSet() : [];

        Directory.CreateDirectory(paths.ProductFolder(productName));
        var canonical = new JsonArray(list.Rois.Select(r => (JsonNode)r.Canonical!).ToArray());
        AtomicFile.WriteAllText(paths.ConfigFile(productName), ProductJson.ToFileText(canonical));

        var kept = list.Rois.Select(r => r.Idx!.Value).ToHashSet();
        var deleted = new List<int>();
        foreach (var idx in previousIdx.Where(i => !kept.Contains(i)).Order())
        {
            var folder = paths.GoldenFolder(productName, idx);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
                deleted.Add(idx);
            }
        }

        return new SaveRoisResult(null, list.Rois.Count, [.. deleted]);
    }

    /// <summary>Spec 7.2 create template.</summary>
    public ProductChangeResult Create(string productName, int numDevices, string? description)
    {
        if (string.IsNullOrWhiteSpace(productName))
        {
            return ProductChangeResult.Refused(FailureKind.Invalid, "Product name is required");
        }

        var name = ProductNames.Clean(productName);
        if (!ProductNames.IsValid(name))
        {
            return ProductChangeResult.Refused(FailureKind.Invalid, InvalidName.Error);
        }

        if (numDevices is < ProductTemplate.MinDevices or > ProductTemplate.MaxDevices)
        {
            return ProductChangeResult.Refused(FailureKind.Invalid, "num_devices must be between 1 and 4");
        }

        if (paths.ProductExists(name))
        {
            return ProductChangeResult.Refused(FailureKind.AlreadyExists, "Product already exists");
        }

        var rois = ProductTemplate.Build(numDevices);
        Directory.CreateDirectory(paths.GoldenRoot(name));
        AtomicFile.WriteAllText(paths.ConfigFile(name), ProductJson.ToFileText(rois));

        return new ProductChangeResult(null, rois.Count, $"Product {name} created successfully with {numDevices} device(s)");
    }

    /// <summary>Copy a legacy product folder (config + golden_rois + colour file) as it is, then validate it.</summary>
    public ProductChangeResult Import(string productName, string sourceFolder)
    {
        if (!ProductNames.IsValid(productName))
        {
            return new ProductChangeResult(InvalidName, 0, null);
        }

        var sourceConfig = Path.Combine(sourceFolder, $"rois_config_{productName}.json");
        if (SourceRois(productName, sourceFolder) is not { } list)
        {
            return ProductChangeResult.Refused(FailureKind.NotFound, $"Source configuration not found: {sourceConfig}");
        }

        if (!list.IsUsable)
        {
            return ProductChangeResult.Refused(FailureKind.ValidationFailed, ConfigInvalidError, list.Messages);
        }

        var destination = paths.ProductFolder(productName);
        if (paths.ProductExists(productName))
        {
            return ProductChangeResult.Refused(FailureKind.AlreadyExists, $"Product already exists: {productName}");
        }

        if (Directory.Exists(destination))
        {
            if (Directory.EnumerateFileSystemEntries(destination).Any())
            {
                return ProductChangeResult.Refused(FailureKind.AlreadyExists, $"Product folder already exists: {productName}");
            }

            Directory.Delete(destination);
        }

        var goldenFiles = ProductFolderImport.CopyInto(sourceFolder, destination, productName);
        var message = $"Imported product {productName}: {list.Rois.Count} ROIs, {goldenFiles} golden files";
        return new ProductChangeResult(null, list.Rois.Count, message);
    }

    /// <summary>The ROI list of a folder to import, as <see cref="Import"/> reads it; null when it has no configuration file.</summary>
    public RoiList? SourceRois(string productName, string sourceFolder)
    {
        if (!TryReadText(Path.Combine(sourceFolder, $"rois_config_{productName}.json"), out var text))
        {
            return null;
        }

        var sourceColours = ProductColorFile.Read(Path.Combine(sourceFolder, $"colors_config_{productName}.json"));
        return RoiList.Parse(text, sourceColours.ValidRanges.Length > 0, defaultCompareThreshold);
    }

    /// <summary>GET colours: the ranges as stored; a message when there is no file.</summary>
    public StoredColors ReadColors(string productName)
    {
        if (Check(productName, mustExist: true) is { } error)
        {
            return new StoredColors(error, null, null);
        }

        var colours = ProductColorFile.Read(paths.ColorsFile(productName));
        if (!colours.Exists)
        {
            return new StoredColors(null, [], NoColorConfigMessage);
        }

        return colours.Error is { } problem
            ? new StoredColors(new Failure(FailureKind.ValidationFailed, "Color configuration invalid", [problem]), null, null)
            : new StoredColors(null, colours.StoredRanges, null);
    }

    /// <summary>POST colours: validate (2.4 range rules) and write colors_config_p.json atomically.</summary>
    public ProductChangeResult SaveColors(string productName, JsonArray ranges)
    {
        if (Check(productName, mustExist: true) is { } error)
        {
            return new ProductChangeResult(error, 0, null);
        }

        var parsed = ColorRangeParser.ParseAll(ranges);
        var messages = parsed.SelectMany(r => r.Messages).ToArray();
        if (messages.Length > 0)
        {
            return ProductChangeResult.Refused(FailureKind.ValidationFailed, ColorValidationError, messages);
        }

        var canonical = new JsonArray(parsed.Select(r => (JsonNode)r.Canonical).ToArray());
        ProductColorFile.Write(paths.ColorsFile(productName), productName, canonical, DateTime.Now);
        return new ProductChangeResult(null, parsed.Count, $"Saved {parsed.Count} color ranges successfully");
    }

    /// <summary>Names of existing products (folders with rois_config_p.json), sorted ordinal.</summary>
    public IReadOnlyList<string> ListProducts()
    {
        if (!Directory.Exists(paths.ProductRoot))
        {
            return [];
        }

        return Directory.EnumerateDirectories(paths.ProductRoot)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => ProductNames.IsValid(name) && paths.ProductExists(name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Client-facing config file name "p/rois_config_p.json" (spec 7.2).</summary>
    public static string ConfigFileName(string productName) => $"{productName}/rois_config_{productName}.json";

    private RoiList? ReadList(string productName)
    {
        if (!TryReadText(paths.ConfigFile(productName), out var text))
        {
            return null;
        }

        var colours = ProductColorFile.Read(paths.ColorsFile(productName));
        return RoiList.Parse(text, colours.ValidRanges.Length > 0, defaultCompareThreshold);
    }

    /// <summary>The answer to a product name that cannot name a product folder.</summary>
    public static readonly Failure InvalidName = new(FailureKind.Invalid, "Invalid product name");

    private Failure? Check(string productName, bool mustExist)
    {
        if (!ProductNames.IsValid(productName))
        {
            return InvalidName;
        }

        return mustExist && !paths.ProductExists(productName) ? NotFound(productName) : null;
    }

    private static Failure NotFound(string productName) => new(FailureKind.NotFound, $"Product not found: {productName}");

    /// <summary>False when the file vanished between the existence check and the read (a concurrent delete).</summary>
    private static bool TryReadText(string path, out string text)
    {
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            text = "";
            return false;
        }
    }
}
