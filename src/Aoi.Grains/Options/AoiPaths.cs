using Microsoft.Extensions.Options;

namespace Aoi.Grains.Options;

/// <summary>Absolute folders derived from <see cref="AoiOptions"/> and the legacy layout names (spec 4.1, 5.4).</summary>
public sealed class AoiPaths
{
    public AoiPaths(IOptions<AoiOptions> options)
    {
        var o = options.Value;
        DataRoot = Path.GetFullPath(o.DataRoot);
        SharedRoot = Path.GetFullPath(o.SharedRoot ?? Path.Combine(DataRoot, "shared"));
        ProductRoot = Path.GetFullPath(o.ProductRoot ?? Path.Combine(DataRoot, "products"));
        ClientPrefix = o.ClientPrefix.EndsWith('/') ? o.ClientPrefix : o.ClientPrefix + "/";
    }

    public string DataRoot { get; }
    public string SharedRoot { get; }
    public string ProductRoot { get; }
    public string ClientPrefix { get; }

    public string ProductFolder(string product) => Path.Combine(ProductRoot, product);
    public string ConfigFile(string product) => Path.Combine(ProductRoot, product, $"rois_config_{product}.json");
    public string ColorsFile(string product) => Path.Combine(ProductRoot, product, $"colors_config_{product}.json");
    public string GoldenRoot(string product) => Path.Combine(ProductRoot, product, "golden_rois");
    public string GoldenFolder(string product, int idx) => Path.Combine(GoldenRoot(product), $"roi_{idx}");
    public string SessionFolder(string sessionId) => Path.Combine(SharedRoot, "sessions", sessionId);
    public string SessionOutput(string sessionId) => Path.Combine(SessionFolder(sessionId), "output");
    public string SessionInput(string sessionId) => Path.Combine(SessionFolder(sessionId), "input");

    /// <summary>Client-visible path of a session output file (spec 5.6).</summary>
    public string ClientOutputPrefix(string sessionId) => $"{ClientPrefix}sessions/{sessionId}/output/";

    public bool ProductExists(string product) => File.Exists(ConfigFile(product));
}
