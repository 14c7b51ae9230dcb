using System.Text.Json;
using Aoi.Grains.Demo;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using ZXing;

namespace Aoi.Tests.Demo;

public sealed class DemoProductGeneratorTests
{
    private static readonly DemoProductExpectations Expected = DemoProductGenerator.Expectations;

    [Fact]
    public void ConfigIsObjectFormatWithTheDemoRois()
    {
        using var doc = JsonDocument.Parse(DemoProductGenerator.BuildConfigJson());
        var rois = doc.RootElement.EnumerateArray().ToList();

        Assert.Equal(1 + Expected.CompareRoiIds.Count + 1, rois.Count);
        Assert.All(rois, r =>
        {
            Assert.Equal(305, r.GetProperty("focus").GetInt32());
            Assert.Equal(3000, r.GetProperty("exposure").GetInt32());
            Assert.Equal(1, r.GetProperty("device_location").GetInt32());
            var c = r.GetProperty("coords").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.True(c[0] >= 0 && c[1] >= 0 && c[0] < c[2] && c[1] < c[3]);
            Assert.True(c[2] <= DemoBoardLayout.Width && c[3] <= DemoBoardLayout.Height);
        });

        var barcode = Assert.Single(rois, r => r.GetProperty("type").GetInt32() == 1);
        Assert.Equal(Expected.BarcodeRoiId, barcode.GetProperty("idx").GetInt32());
        Assert.True(barcode.GetProperty("is_device_barcode").GetBoolean());

        var compares = rois.Where(r => r.GetProperty("type").GetInt32() == 2).ToList();
        Assert.Equal(Expected.CompareRoiIds, compares.Select(r => r.GetProperty("idx").GetInt32()));
        Assert.All(compares, r =>
        {
            Assert.Equal("mobilenet", r.GetProperty("feature_method").GetString());
            Assert.Equal(0.9, r.GetProperty("ai_threshold").GetDouble());
        });

        var colour = Assert.Single(rois, r => r.GetProperty("type").GetInt32() == 4);
        Assert.Equal(Expected.ColorRoiId, colour.GetProperty("idx").GetInt32());
        Assert.Equal(Expected.ExpectedColorRgb, colour.GetProperty("expected_color").EnumerateArray().Select(v => v.GetInt32()));
        Assert.True(colour.GetProperty("color_tolerance").GetInt32() > 0);
    }

    [Fact]
    public void GoldenLibraryHasBestAndAlternativesAtRoiSize()
    {
        using var root = new TempFolder("demo-product");
        new DemoProductGenerator().WriteProduct(root.Path);

        Assert.True(File.Exists(root.Sub($"rois_config_{DemoProductGenerator.ProductName}.json")));
        foreach (var idx in Expected.CompareRoiIds)
        {
            var folder = root.Sub(Path.Combine("golden_rois", $"roi_{idx}"));
            var files = Directory.GetFiles(folder, "*.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Contains("best_golden.jpg", files);
            Assert.InRange(files.Count, 2, 3);
            var rect = Expected.RoiRects[idx];
            foreach (var file in files)
            {
                using var img = Cv2.ImRead(Path.Combine(folder, file!));
                Assert.Equal((rect.Width, rect.Height), (img.Width, img.Height));
            }
        }

        Assert.False(Directory.Exists(root.Sub(Path.Combine("golden_rois", $"roi_{Expected.BarcodeRoiId}"))));
    }

    [Fact]
    public void GenerationIsDeterministic()
    {
        using var first = new TempFolder("demo-a");
        using var second = new TempFolder("demo-b");
        new DemoProductGenerator().WriteProduct(first.Path);
        new DemoProductGenerator().WriteProduct(second.Path);

        var files = Directory.GetFiles(first.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(first.Path, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(second.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(second.Path, f)).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, f)), File.ReadAllBytes(Path.Combine(second.Path, f))));
    }

    [Fact]
    public void DemoPictureLabelDecodesAsCode128()
    {
        using var picture = DecodedDemoPicture(missingPart: false);
        using var crop = Crop(picture, Expected.RoiRects[Expected.BarcodeRoiId]);

        var result = CodeReader.Read(crop);

        Assert.NotNull(result);
        Assert.Equal(Expected.BarcodeText, result.Text);
        Assert.Equal(BarcodeFormat.CODE_128, result.BarcodeFormat);
    }

    [Fact]
    public void DemoPictureCompareCropsAreCloseToTheirGoldens()
    {
        using var root = new TempFolder("demo-close");
        new DemoProductGenerator().WriteProduct(root.Path);
        using var picture = DecodedDemoPicture(missingPart: false);

        foreach (var idx in Expected.CompareRoiIds)
        {
            using var golden = Cv2.ImRead(root.Sub(Path.Combine("golden_rois", $"roi_{idx}", "best_golden.jpg")));
            using var crop = Crop(picture, Expected.RoiRects[idx]);
            AssertClose(idx, crop, golden);
        }
    }

    [Fact]
    public void FaultyPictureLacksExactlyTheMissingPart()
    {
        using var root = new TempFolder("demo-faulty");
        new DemoProductGenerator().WriteProduct(root.Path);
        using var picture = DecodedDemoPicture(missingPart: true);

        foreach (var idx in Expected.CompareRoiIds)
        {
            using var golden = Cv2.ImRead(root.Sub(Path.Combine("golden_rois", $"roi_{idx}", "best_golden.jpg")));
            using var crop = Crop(picture, Expected.RoiRects[idx]);
            if (idx == Expected.MissingPartRoiId)
            {
                // Bare pads keep the pin pattern, so grey correlation stays high; the body area changes by ~40 levels.
                var difference = ImageSimilarity.MeanAbsoluteDifference(crop, golden);
                Assert.True(difference > 20, $"missing part ROI {idx}: mean difference only {difference:F1}");
            }
            else
            {
                AssertClose(idx, crop, golden);
            }
        }
    }

    [Fact]
    public void LedRoiIsMostlyTheExpectedColour()
    {
        using var picture = DecodedDemoPicture(missingPart: false);
        using var crop = Crop(picture, Expected.RoiRects[Expected.ColorRoiId]);
        using var doc = JsonDocument.Parse(DemoProductGenerator.BuildConfigJson());
        var colour = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("type").GetInt32() == 4);

        var percent = ImageSimilarity.PercentNear(crop, Expected.ExpectedColorRgb, colour.GetProperty("color_tolerance").GetInt32());

        Assert.True(percent >= colour.GetProperty("min_pixel_percentage").GetDouble() + 20, $"{percent:F1} % near the expected colour");
    }

    [Fact]
    public void ConfigLoadsWithoutValidationMessages()
    {
        using var data = new TempFolder("demo-load");
        var paths = new AoiPaths(Microsoft.Extensions.Options.Options.Create(new AoiOptions { DataRoot = data.Path }));
        new DemoProductGenerator().WriteProduct(paths.ProductFolder(DemoProductGenerator.ProductName));

        var result = new ProductConfigStore(paths).LoadSnapshot(DemoProductGenerator.ProductName);

        Assert.False(result.NotFound);
        Assert.Empty(result.ValidationErrors);
        var snapshot = Assert.IsType<ProductSnapshot>(result.Snapshot);
        Assert.Equal(6, snapshot.Rois.Length);
        Assert.All(snapshot.Rois, r => Assert.Null(r.ConfigError));
        Assert.Equal(Expected.RoiRects.OrderBy(kv => kv.Key).Select(kv => kv.Value), snapshot.Rois.OrderBy(r => r.Idx).Select(r => r.Coords));
    }

    /// <summary>A fresh capture of a good part: same pattern, and pixel values within noise and a sub-pixel shift.</summary>
    private static void AssertClose(int idx, Mat crop, Mat golden)
    {
        var correlation = ImageSimilarity.Correlation(crop, golden);
        var difference = ImageSimilarity.MeanAbsoluteDifference(crop, golden);
        Assert.True(correlation > 0.95 && difference < 12, $"ROI {idx}: correlation {correlation:F4}, mean difference {difference:F1}");
    }

    /// <summary>The picture as a client reads it back: through JPEG encoding at quality 95.</summary>
    private static Mat DecodedDemoPicture(bool missingPart)
    {
        using var rendered = new DemoProductGenerator().RenderPicture(missingPart);
        return Cv2.ImDecode(DemoProductGenerator.EncodeJpeg(rendered), ImreadModes.Color);
    }

    private static Mat Crop(Mat image, RoiRect r) => new Mat(image, new Rect(r.X1, r.Y1, r.Width, r.Height)).Clone();
}
