using System.Diagnostics;
using Aoi.Tests.TestSupport;
using OpenCvSharp;

namespace Aoi.Tests.Compare;

/// <summary>
/// Spec case 24 on the real libraries: every compare ROI's best golden, carried losslessly through a PNG canvas and
/// cropped back out, must match its own library. Runs on temp copies of the golden folders.
/// </summary>
public sealed class RealGoldenSelfMatchTests
{
    private const int Margin = 32;

    [Fact]
    public async Task Case24EveryBestGoldenMatchesItselfThroughALosslessCanvas()
    {
        Datasets.RequireFeyes();
        CompareTestRig.SharedModel.EnsureLoaded();
        using var rig = new CompareTestRig();
        var output = TestContext.Current.TestOutputHelper;
        var deepMs = new List<double>();
        var classicalMs = new List<double>();
        var deepCpuMs = new List<double>();
        var classicalCpuMs = new List<double>();
        // Process CPU time next to wall time: wall time on a shared machine mostly measures the neighbours.
        using var process = Process.GetCurrentProcess();
        TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }

        var checkedRois = 0;
        var featureless = new List<string>();

        foreach (var product in Datasets.FeyesProducts)
        {
            foreach (var roi in CompareTestRig.RealCompareRois(product))
            {
                var source = CompareTestRig.RealGoldenFolder(product, roi.Idx);
                var files = Directory.GetFiles(source).Select(f => (f, Path.GetFileName(f))).ToArray();
                var folder = rig.AddGoldens(roi.Idx, files);
                var before = rig.FileNames(roi.Idx);
                using var golden = CompareTestRig.Decode(Path.Combine(source, "best_golden.jpg"));
                Assert.Equal((roi.Coords.Width, roi.Coords.Height), (golden.Width, golden.Height));
                using var crop = CropThroughPngCanvas(golden);

                var watch = Stopwatch.StartNew();
                var cpu = Cpu();
                var deep = await rig.EvaluateAsync(crop, roi);
                deepMs.Add(watch.Elapsed.TotalMilliseconds);
                deepCpuMs.Add((Cpu() - cpu).TotalMilliseconds);
                deep.GoldenUsed?.Dispose();
                watch.Restart();
                cpu = Cpu();
                var classical = await rig.EvaluateAsync(crop, roi with { FeatureMethod = "sift" });
                classicalMs.Add(watch.Elapsed.TotalMilliseconds);
                classicalCpuMs.Add((Cpu() - cpu).TotalMilliseconds);
                classical.GoldenUsed?.Dispose();

                var label = $"{product} roi_{roi.Idx}";
                Assert.True(deep.Passed, $"{label}: {deep.Error} {deep.Compare}");
                Assert.True(deep.Compare!.AiSimilarity >= 0.999, $"{label}: deep similarity {deep.Compare.AiSimilarity}");
                Assert.Equal(roi.AiThreshold, deep.Compare.Threshold);
                // Classical self match is exact too, except on parts too smooth for any SIFT keypoint (then 0.0 by rule).
                if (rig.Classical.Extract(crop).Vector.Length == 0)
                {
                    Assert.Equal(0.0, classical.Compare!.AiSimilarity);
                    featureless.Add(label);
                }
                else
                {
                    Assert.True(classical.Compare!.AiSimilarity >= 0.999, $"{label}: classical similarity {classical.Compare.AiSimilarity}");
                }

                Assert.Equal(before, rig.FileNames(roi.Idx));
                Directory.Delete(folder, recursive: true);
                checkedRois++;
            }
        }

        Assert.Equal(101, checkedRois);
        // Uncached: crop features + best golden features (decode, extract) per ROI.
        output?.WriteLine($"deep compare: wall median {Median(deepMs):F1} ms, CPU median {Median(deepCpuMs):F1} ms over {checkedRois} ROIs");
        output?.WriteLine($"classical compare: wall median {Median(classicalMs):F1} ms, CPU median {Median(classicalCpuMs):F1} ms");
        output?.WriteLine($"no SIFT keypoint (classical 0.0): {string.Join(", ", featureless)}");
    }

    private static Mat CropThroughPngCanvas(Mat golden)
    {
        using var canvas = new Mat(golden.Rows + 2 * Margin, golden.Cols + 2 * Margin, MatType.CV_8UC3, new Scalar(40, 90, 160));
        var place = new Rect(Margin, Margin, golden.Cols, golden.Rows);
        using (var target = new Mat(canvas, place))
        {
            golden.CopyTo(target);
        }

        Cv2.ImEncode(".png", canvas, out var png);
        using var decoded = Cv2.ImDecode(png, ImreadModes.Color);
        Assert.Equal(0, Cv2.Norm(canvas, decoded, NormTypes.INF));
        return new Mat(decoded, place).Clone();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
