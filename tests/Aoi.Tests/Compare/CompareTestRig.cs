using System.Text.Json;
using Aoi.Grains.Engines;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Tests.Compare;

/// <summary>
/// A temporary product root holding copies of real golden folders, and a compare evaluator wired to it without
/// Orleans (promotion through <see cref="DirectGoldenPromoter"/>). The real data is only read, never changed.
/// </summary>
public sealed class CompareTestRig : IDisposable
{
    public const string Product = "testproduct";

    // One model for the whole test process, as in a silo: loading ResNet-18 per test would dominate the run time.
    public static readonly ResNet18Model SharedModel = new(ResNet18Model.DefaultFolder);

    public CompareTestRig(ResNet18Model? model = null, double defaultThreshold = 0.9)
    {
        Root = Directory.CreateTempSubdirectory("aoi-compare-").FullName;
        Directory.CreateDirectory(ProductFolder);
        var options = Options.Create(new AoiOptions { DataRoot = Root, ProductRoot = Root, DefaultCompareThreshold = defaultThreshold });
        Paths = new AoiPaths(options);
        Cache = new LibraryModelCache();
        Deep = new DeepPooledSimilarity(model ?? SharedModel);
        Classical = new OpponentSiftSimilarity();
        Evaluator = EvaluatorWith(new PairwiseLibraryJudge(Deep), options);
    }

    public string Root { get; }
    public string ProductFolder => Path.Combine(Root, Product);
    public AoiPaths Paths { get; }
    public LibraryModelCache Cache { get; }
    public DeepPooledSimilarity Deep { get; }
    public OpponentSiftSimilarity Classical { get; }
    public CompareEvaluator Evaluator { get; }

    public string GoldenFolder(int idx) => Paths.GoldenFolder(Product, idx);

    /// <summary>A compare evaluator over this rig's folders and cache whose deep path is <paramref name="deep"/>.</summary>
    public CompareEvaluator EvaluatorWith(ISimilarityMethod deep) =>
        EvaluatorWith(new PairwiseLibraryJudge(deep), Options.Create(new AoiOptions { DataRoot = Root, ProductRoot = Root }));

    /// <summary>A compare evaluator over this rig's folders and cache whose deep path is <paramref name="deep"/>.</summary>
    public CompareEvaluator EvaluatorWith(ILibraryJudge deep, IOptions<AoiOptions>? options = null)
    {
        options ??= Options.Create(new AoiOptions { DataRoot = Root, ProductRoot = Root });
        var models = new CompareModels(
            new CompareMethodSelector(deep, new PairwiseLibraryJudge(Classical), options), Cache, NullLogger<CompareModels>.Instance);
        return new CompareEvaluator(models, new DirectGoldenPromoter(Paths, Cache), options, NullLogger<CompareEvaluator>.Instance);
    }

    /// <summary>Creates roi_idx and copies the given files into it under new names.</summary>
    public string AddGoldens(int idx, params (string Source, string Name)[] files)
    {
        var folder = GoldenFolder(idx);
        Directory.CreateDirectory(folder);
        foreach (var (source, name) in files)
        {
            File.Copy(source, Path.Combine(folder, name));
        }

        return folder;
    }

    public string[] FileNames(int idx) =>
        Directory.GetFiles(GoldenFolder(idx)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public Task<RoiEvaluation> EvaluateAsync(Mat crop, RoiDefinition roi, bool dryRun = false) =>
        Evaluator.EvaluateAsync(new RoiEvaluationContext(crop, roi, Product, ProductFolder, null, dryRun), CancellationToken.None);

    public static RoiDefinition Roi(int idx, RoiRect coords, double? threshold = 0.9, string? method = "mobilenet", int device = 1) =>
        new(idx, RoiDefinition.Compare, coords, 305, 3000, threshold, method, 0, device, null, null, null, null, 10, 5.0, null, true, null);

    /// <summary>Compare ROIs of a real product: idx, coords, threshold, feature_method, device (config is all objects).</summary>
    public static IEnumerable<RoiDefinition> RealCompareRois(string product)
    {
        var file = Path.Combine(Datasets.RequireFeyes(), product, $"rois_config_{product}.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var roi in json.RootElement.EnumerateArray())
        {
            if (roi.GetProperty("type").GetInt32() != RoiDefinition.Compare)
            {
                continue;
            }

            var c = roi.GetProperty("coords").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var threshold = roi.TryGetProperty("ai_threshold", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : (double?)null;
            var method = roi.TryGetProperty("feature_method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var device = roi.TryGetProperty("device_location", out var d) ? d.GetInt32() : 1;
            yield return Roi(roi.GetProperty("idx").GetInt32(), new RoiRect(c[0], c[1], c[2], c[3]), threshold, method, device);
        }
    }

    public static string RealGoldenFolder(string product, int idx) =>
        Path.Combine(Datasets.RequireFeyes(), product, "golden_rois", $"roi_{idx}");

    public static Mat Decode(string path) => Cv2.ImRead(path, ImreadModes.Color);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
