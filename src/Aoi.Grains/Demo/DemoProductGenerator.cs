using System.Text.Json;
using OpenCvSharp;
using static Aoi.Grains.Demo.DemoBoardLayout;

namespace Aoi.Grains.Demo;

/// <summary>
/// Generates the self-made demo product "DEMO-BOARD" in the legacy layout (spec 2.1, 4.1) and the demo pictures the
/// README inspects. Everything is deterministic (fixed seeds), so a regenerated picture matches an older golden library.
/// </summary>
public sealed class DemoProductGenerator
{
    public const string ProductName = "DEMO-BOARD";
    public const string BarcodeText = "DEMO-0001-2026";
    public const string DemoFolderName = "demo";
    public const string DemoPictureName = "demo_board.jpg";
    public const string FaultyPictureName = "demo_board_missing_part.jpg";

    private const int JpegQuality = 95;
    private const int ColorTolerance = 40;
    private const double ColorMinPixelPercentage = 60.0;

    /// <summary>2026-01-01T00:00:00Z in epoch ms: alternatives get legacy-style names from a fixed clock.</summary>
    private const long AlternativeEpochMs = 1767225600000;

    /// <summary>Alternatives differ from the golden the way two good captures do: a pixel of shift, a few % of light.</summary>
    private static readonly DemoVariation[] AlternativeVariations =
    [
        new(1.0, 0.5, 1.03, 1, 1.0, 101),
        new(-0.5, 1.0, 0.97, -2, 1.0, 102),
    ];

    /// <summary>The demo picture is a fresh capture of the same board: small shift, slightly brighter, sensor noise.</summary>
    private static readonly DemoVariation PictureVariation = new(0.6, -0.4, 1.02, 2, 1.5, 201);

    private static readonly int[] CompareRoiIds = [Ic1RoiId, Ic2RoiId, ConnectorRoiId, PassivesRoiId];

    private readonly DemoBoardPainter painter = new(BarcodeText);

    /// <summary>Values a correct inspection of the demo pictures reports.</summary>
    public static DemoProductExpectations Expectations { get; } = new(
        ProductName,
        BarcodeText,
        BarcodeRoiId,
        CompareRoiIds,
        LedRoiId,
        [(int)DemoBoardPainter.LedRed.Val2, (int)DemoBoardPainter.LedRed.Val1, (int)DemoBoardPainter.LedRed.Val0],
        Ic2RoiId,
        Rois.ToDictionary(kv => kv.Key, kv => new RoiRect(kv.Value.X, kv.Value.Y, kv.Value.Right, kv.Value.Bottom)),
        $"{DemoFolderName}/{DemoPictureName}",
        $"{DemoFolderName}/{FaultyPictureName}");

    /// <summary>
    /// Writes rois_config_DEMO-BOARD.json and golden_rois/roi_&lt;idx&gt;/ (best_golden.jpg + 2 alternatives per compare
    /// ROI) into <paramref name="productFolder"/>, which the caller names (the seeder uses a temporary folder).
    /// </summary>
    public void WriteProduct(string productFolder)
    {
        Directory.CreateDirectory(productFolder);
        File.WriteAllBytes(Path.Combine(productFolder, $"rois_config_{ProductName}.json"), BuildConfigJson());

        using var golden = painter.Render(DemoVariation.None);
        foreach (var idx in CompareRoiIds)
        {
            var folder = Path.Combine(productFolder, "golden_rois", $"roi_{idx}");
            Directory.CreateDirectory(folder);
            WriteCrop(golden, Rois[idx], Path.Combine(folder, "best_golden.jpg"));
        }

        for (var i = 0; i < AlternativeVariations.Length; i++)
        {
            using var capture = painter.Render(AlternativeVariations[i]);
            foreach (var idx in CompareRoiIds)
            {
                var name = $"{AlternativeEpochMs + i}_golden_sample.jpg";
                WriteCrop(capture, Rois[idx], Path.Combine(productFolder, "golden_rois", $"roi_{idx}", name));
            }
        }
    }

    /// <summary>Writes the demo picture and its faulty variant (small IC missing) into <paramref name="demoFolder"/>.</summary>
    public void WritePictures(string demoFolder)
    {
        Directory.CreateDirectory(demoFolder);
        WriteJpeg(RenderPicture(missingPart: false), Path.Combine(demoFolder, DemoPictureName));
        WriteJpeg(RenderPicture(missingPart: true), Path.Combine(demoFolder, FaultyPictureName));
    }

    /// <summary>The demo picture in memory (caller disposes); <paramref name="missingPart"/> gives the faulty one.</summary>
    public Mat RenderPicture(bool missingPart) => painter.Render(PictureVariation, withoutIc2: missingPart);

    /// <summary>JPEG bytes as written to disk (quality 95, the line clients' setting).</summary>
    public static byte[] EncodeJpeg(Mat image)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
        return bytes;
    }

    /// <summary>The configuration in the object format with the canonical key order of spec 2.6.</summary>
    public static byte[] BuildConfigJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 2 }))
        {
            json.WriteStartArray();
            WriteRoi(json, BarcodeRoiId, 1, w =>
            {
                w.WriteNull("ai_threshold");
                w.WriteNull("feature_method");
                WriteCommonTail(w, isDeviceBarcode: true);
            });
            foreach (var idx in CompareRoiIds)
            {
                WriteRoi(json, idx, 2, w =>
                {
                    w.WriteNumber("ai_threshold", 0.9);
                    w.WriteString("feature_method", "mobilenet");
                    WriteCommonTail(w, isDeviceBarcode: false);
                });
            }

            WriteRoi(json, LedRoiId, 4, w =>
            {
                w.WriteNull("ai_threshold");
                w.WriteNull("feature_method");
                w.WriteNumber("rotation", 0);
                w.WriteNumber("device_location", 1);
                w.WriteNull("expected_text");
                w.WriteNull("is_device_barcode");
                w.WriteStartArray("expected_color");
                foreach (var channel in Expectations.ExpectedColorRgb)
                {
                    w.WriteNumberValue(channel);
                }

                w.WriteEndArray();
                w.WriteNumber("color_tolerance", ColorTolerance);
                w.WriteNumber("min_pixel_percentage", ColorMinPixelPercentage);
            });
            json.WriteEndArray();
        }

        return stream.ToArray();
    }

    private static void WriteRoi(Utf8JsonWriter json, int idx, int type, Action<Utf8JsonWriter> rest)
    {
        var r = Rois[idx];
        json.WriteStartObject();
        json.WriteNumber("idx", idx);
        json.WriteNumber("type", type);
        json.WriteStartArray("coords");
        foreach (var v in new[] { r.X, r.Y, r.Right, r.Bottom })
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
        json.WriteNumber("focus", 305);
        json.WriteNumber("exposure", 3000);
        rest(json);
        json.WriteEndObject();
    }

    private static void WriteCommonTail(Utf8JsonWriter w, bool isDeviceBarcode)
    {
        w.WriteNumber("rotation", 0);
        w.WriteNumber("device_location", 1);
        w.WriteNull("expected_text");
        w.WriteBoolean("is_device_barcode", isDeviceBarcode);
    }

    private static void WriteCrop(Mat image, Rect roi, string path)
    {
        using var crop = new Mat(image, roi);
        File.WriteAllBytes(path, EncodeJpeg(crop));
    }

    private static void WriteJpeg(Mat image, string path)
    {
        using (image)
        {
            File.WriteAllBytes(path, EncodeJpeg(image));
        }
    }
}
