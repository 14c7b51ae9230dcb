using System.Diagnostics;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Patches;
using Aoi.Grains.Golden;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// What a restart saves per compare ROI: the v3 model built from the ROI's golden files (what a silo without stored
/// models does for every ROI after a start) against the same model read back from a <see cref="LibraryModelStore"/>,
/// side by side per ROI of the boards' products, in process on warm engines (each ROI built once before timing).
/// </summary>
public sealed class ModelStoreBenchmark(PatchLibraryJudge judge, string storeFolder, int repetitions)
{
    public List<EngineFigure> Measure(IReadOnlyList<BoardSet> boards, Func<string, ProductSnapshot> snapshot)
    {
        var store = new LibraryModelStore(storeFolder, "benchmark", NullLogger<LibraryModelStore>.Instance);
        var built = new List<double>();
        var read = new List<double>();
        var megabytes = new List<double>();
        foreach (var product in boards.Select(b => b.Product).Distinct())
        {
            var current = snapshot(product);
            foreach (var roi in current.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled))
            {
                var folder = new GoldenFolder(Path.Combine(current.ProductFolder, "golden_rois", $"roi_{roi.Idx}"));
                var candidates = folder.ListCandidates();
                var size = new Size(roi.Coords.Width, roi.Coords.Height);
                var goldens = candidates.Select(c => (c.Name, Image: GoldenImages.LoadAtSize(c.FullPath, size)))
                    .Where(g => g.Image is not null).Select(g => new GoldenImage(g.Name, g.Image!)).ToList();
                if (goldens.Count == 0)
                {
                    continue;
                }

                var key = LibraryModelKey.Of(folder, candidates, size.Width, size.Height, judge.Name);
                var builds = new List<double>();
                var reads = new List<double>();
                for (var i = -1; i < repetitions; i++)
                {
                    // Fresh images each time: the judge caches golden features per image object. Round -1 warms up.
                    var copies = goldens.Select(g => new GoldenImage(g.Name, g.Image.Clone())).ToList();
                    var clock = Stopwatch.StartNew();
                    var model = judge.Build(size, copies);
                    var buildMs = clock.Elapsed.TotalMilliseconds;
                    copies.ForEach(c => c.Image.Dispose());
                    store.Save(key, judge, model);
                    clock.Restart();
                    _ = store.TryLoad(key, judge) ?? throw new InvalidOperationException($"stored model of {folder.FullPath} not read back");
                    if (i >= 0)
                    {
                        builds.Add(buildMs);
                        reads.Add(clock.Elapsed.TotalMilliseconds);
                    }
                }

                built.Add(Stats.Median(builds));
                read.Add(Stats.Median(reads));
                megabytes.Add(new FileInfo(store.PathOf(key)).Length / 1048576.0);
                goldens.ForEach(g => g.Image.Dispose());
            }
        }

        if (built.Count == 0)
        {
            return [];
        }

        var files = $"files {Stats.Median(megabytes):F1} MB median, {megabytes.Max():F1} MB largest";
        return
        [
            new EngineFigure("compare model built from the golden files (v3)", built.Count, Stats.Median(built), built.Average(),
                Stats.Percentile(built, 90), "–", "what every ROI costs after a start without stored models"),
            new EngineFigure("the same model read from the store (LibraryModelStore)", read.Count, Stats.Median(read), read.Average(),
                Stats.Percentile(read, 90), files, $"×{Stats.Median(built.Zip(read, (b, r) => b / r)):F0} faster (median per ROI)"),
        ];
    }
}
