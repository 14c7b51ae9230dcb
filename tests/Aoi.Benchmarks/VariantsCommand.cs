using Aoi.Grains.Evaluation;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using OpenCvSharp;

namespace Aoi.Benchmarks;

/// <summary>
/// Writes the genuine variants and defects the accuracy protocol generates for one ROI as PNG files, so an engineer can
/// look at exactly what was scored.
/// </summary>
public sealed class VariantsCommand : IBenchmarkCommand
{
    public string Name => "variants";

    public string Usage => "--product p --roi idx --out <folder> [--data <feyes-products>]";

    public Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "product", "roi", "out", "data");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null || options.Get("product") is not { } product || !int.TryParse(options.Get("roi"), out var idx) || options.Get("out") is not { } output)
        {
            Console.Error.WriteLine($"usage: variants {Usage}");
            return Task.FromResult(2);
        }

        var store = new ProductConfigStore(new AoiPaths(Microsoft.Extensions.Options.Options.Create(new AoiOptions { ProductRoot = data, DataRoot = Path.GetTempPath() })));
        var snapshot = store.LoadSnapshot(product).Snapshot;
        var roi = snapshot?.Rois.FirstOrDefault(r => r.Idx == idx && r.Type == RoiDefinition.Compare);
        if (snapshot is null || roi is null)
        {
            Console.Error.WriteLine($"{product} has no compare ROI {idx}");
            return Task.FromResult(1);
        }

        var size = new Size(roi.Coords.Width, roi.Coords.Height);
        using var library = RoiLibrary.Load(Path.Combine(snapshot.ProductFolder, "golden_rois", $"roi_{idx}"), size);
        var best = library.Best?.Image ?? library.Captures.FirstOrDefault(c => c.Image is not null)?.Image;
        if (best is null)
        {
            Console.Error.WriteLine("no readable golden");
            return Task.FromResult(1);
        }

        Directory.CreateDirectory(output);
        var scene = new BoardScene(size);
        using (var canvas = scene.Place(best))
        {
            canvas.SaveImage(Path.Combine(output, "scene.png"));
        }

        var settings = new EvaluationSettings();
        var seed = settings.SeedFor(idx);
        for (var k = 0; k < settings.GenuineRecipes.Count; k++)
        {
            using var crop = GenuineVariants.Render(scene, best, settings.GenuineRecipes[k], seed + k);
            crop.SaveImage(Path.Combine(output, $"genuine_{k:D2}_{Safe(settings.GenuineRecipes[k].Name)}.png"));
        }

        var (defects, notes) = DefectGenerator.Build(scene, best, [], settings.DefectSeedFor(idx));
        for (var k = 0; k < defects.Count; k++)
        {
            using var crop = defects[k].Crop;
            crop.SaveImage(Path.Combine(output, $"defect_{k:D2}_{Safe(defects[k].Name)}.png"));
        }

        foreach (var (kind, note) in notes)
        {
            Console.WriteLine($"{kind}: {note}");
        }

        Console.WriteLine($"wrote {settings.GenuineRecipes.Count + defects.Count + 1} images to {output}");
        return Task.FromResult(0);
    }

    private static string Safe(string name) =>
        new(name.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());
}
