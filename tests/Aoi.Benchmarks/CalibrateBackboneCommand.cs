using System.Globalization;
using System.Text;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Patches;
using OpenCvSharp;

namespace Aoi.Benchmarks;

/// <summary>
/// Measures the int8 compare backbone's activation ranges (<see cref="ResNet18Backbone.MeasureActivationRanges"/>) on the
/// golden crops of the named products, each at the working size the compare engine gives it, and writes them in the
/// format of <see cref="ResNet18Backbone.RangesResource"/>. With --against, also prints another ranges file's beside the
/// measured ones, tensor by tensor (how much the ranges depend on the products they come from).
/// </summary>
public sealed class CalibrateBackboneCommand : IBenchmarkCommand
{
    public string Name => "calibrate-backbone";

    public string Usage => "--products a,b [--data <feyes-products>] [--per-product N] [--out src/Aoi.Grains/Engines/Compare/Models/resnet18-stage3-int8-ranges.txt] [--against <ranges file>]";

    public Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "products", "data", "per-product", "out", "against");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null || options.Get("products") is not { } list)
        {
            Console.Error.WriteLine(data is null ? "product data not found: pass --data or set AOI_FEYES_DATASET" : "--products is required");
            return Task.FromResult(1);
        }

        var products = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var perProduct = int.TryParse(options.Get("per-product"), out var n) && n > 0 ? n : 400;
        var crops = new List<Mat>();
        try
        {
            foreach (var product in products)
            {
                var folder = Path.Combine(data, product, "golden_rois");
                if (!Directory.Exists(folder))
                {
                    Console.Error.WriteLine($"{product}: no golden_rois folder under {data}");
                    return Task.FromResult(1);
                }

                foreach (var file in Directory.GetFiles(folder, "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(perProduct))
                {
                    using var image = Cv2.ImRead(file);
                    if (image.Empty())
                    {
                        continue;
                    }

                    crops.Add(PatchFeatureExtractor.AtWorkSize(image, image.Size()));
                }
            }

            using var backbone = new ResNet18Backbone(ResNet18Model.DefaultFolder);
            var ranges = backbone.MeasureActivationRanges(crops);
            var text = new StringBuilder()
                .AppendLine("# Smallest and largest value of each tensor the int8 compare backbone quantises (ResNet18Backbone.RangesResource).")
                .AppendLine($"# Measured {DateTimeOffset.UtcNow:yyyy-MM-dd} on {crops.Count} golden crops of {string.Join(", ", products)} at their working sizes:")
                .AppendLine($"# dotnet run -c Release --project tests/Aoi.Benchmarks -- calibrate-backbone {string.Join(' ', args)}");
            foreach (var (tensor, range) in ranges.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{tensor} {range.Min:R} {range.Max:R}"));
            }

            if (options.Get("against") is { } other)
            {
                var theirs = ResNet18Backbone.ParseRanges(File.ReadAllText(other));
                foreach (var (tensor, range) in ranges.OrderBy(r => r.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine(theirs.TryGetValue(tensor, out var r)
                        ? string.Create(CultureInfo.InvariantCulture,
                            $"{tensor,-32} min {range.Min,9:F3} {r.Min,9:F3}  max {range.Max,9:F3} {r.Max,9:F3} ×{r.Max / range.Max:F3}")
                        : $"{tensor,-32} absent");
                }
            }

            var output = options.Get("out");
            if (output is null)
            {
                Console.Write(text);
            }
            else
            {
                File.WriteAllText(output, text.ToString());
                Console.WriteLine($"wrote {output}: {ranges.Count} ranges from {crops.Count} crops");
            }

            return Task.FromResult(0);
        }
        finally
        {
            crops.ForEach(c => c.Dispose());
        }
    }
}
