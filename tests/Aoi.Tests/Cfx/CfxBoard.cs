using System.Text.Json.Nodes;
using Aoi.Tests.Golden;
using Aoi.Tests.TestSupport;
using OpenCvSharp;

namespace Aoi.Tests.Cfx;

/// <summary>
/// A 4-device product for the CFX tests, written into a product root: per device a Code 128 label that names it
/// (barcode ROI, device barcode), a compare ROI against one golden pattern and a red colour ROI. The good board passes
/// every ROI; the faulty board breaks one check on each of devices 2 to 4 (compare pattern, missing label, blue
/// instead of red), so the verdicts come from the engines: device 1 passes, 2 fails "different", 3 fails
/// "no_read" and has no barcode, 4 fails "wrong_color".
/// </summary>
public sealed class CfxBoard
{
    public const int Width = 1280, Height = 840;
    public const int GoldenPattern = 1, OtherPattern = 0;

    public CfxBoard(string productRoot, string sharedRoot)
    {
        Product = "CFX4-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine(productRoot, Product);
        Directory.CreateDirectory(folder);
        var rois = new JsonArray();
        for (var device = 1; device <= 4; device++)
        {
            rois.Add(Roi(BarcodeIdx(device), 1, Barcode(device), device, new JsonObject { ["is_device_barcode"] = true }));
            rois.Add(Roi(CompareIdx(device), 2, Compare(device), device,
                new JsonObject { ["ai_threshold"] = 0.9, ["feature_method"] = "mobilenet" }));
            rois.Add(Roi(ColourIdx(device), 4, Colour(device), device, new JsonObject
            {
                ["expected_color"] = new JsonArray(255, 0, 0), ["color_tolerance"] = 30, ["min_pixel_percentage"] = 50.0,
            }));
            var golden = Path.Combine(folder, "golden_rois", $"roi_{CompareIdx(device)}");
            Directory.CreateDirectory(golden);
            File.WriteAllBytes(Path.Combine(golden, "best_golden.jpg"), CompareProduct.Jpeg(GoldenPattern));
        }

        ConfigFile = Path.Combine(folder, $"rois_config_{Product}.json");
        File.WriteAllText(ConfigFile, rois.ToJsonString());
        Directory.CreateDirectory(Path.Combine(sharedRoot, "cfx"));
        GoodPicture = Save(sharedRoot, "good", faulty: false);
        FaultyPicture = Save(sharedRoot, "faulty", faulty: true);
    }

    public string Product { get; }

    public string ConfigFile { get; }

    /// <summary>Client paths (spec 5.5) of the two pictures.</summary>
    public string GoodPicture { get; }

    public string FaultyPicture { get; }

    public static string Label(int device) => $"CFXB-0001-D{device}";

    public static int BarcodeIdx(int device) => (device - 1) * 3 + 1;

    public static int CompareIdx(int device) => (device - 1) * 3 + 2;

    public static int ColourIdx(int device) => (device - 1) * 3 + 3;

    public static RoiRect Barcode(int device) => At(device, 40, 30, 560, 170);

    public static RoiRect Compare(int device) => At(device, 40, 220, 140, 320);

    public static RoiRect Colour(int device) => At(device, 240, 220, 340, 320);

    private static RoiRect At(int device, int x1, int y1, int x2, int y2)
    {
        var (ox, oy) = ((device - 1) % 2 * 640, (device - 1) / 2 * 420);
        return new RoiRect(ox + x1, oy + y1, ox + x2, oy + y2);
    }

    private static JsonObject Roi(int idx, int type, RoiRect coords, int device, JsonObject extra)
    {
        var roi = new JsonObject
        {
            ["idx"] = idx, ["type"] = type, ["coords"] = new JsonArray(coords.X1, coords.Y1, coords.X2, coords.Y2),
            ["focus"] = 305, ["exposure"] = 1200, ["rotation"] = 0, ["device_location"] = device,
        };
        foreach (var (key, value) in extra)
        {
            roi[key] = value?.DeepClone();
        }

        return roi;
    }

    private static string Save(string sharedRoot, string name, bool faulty)
    {
        using var board = new BoardBuilder(Width, Height);
        for (var device = 1; device <= 4; device++)
        {
            if (!(faulty && device == 3))
            {
                board.AddCodeLabel(Barcode(device), Label(device));
            }

            using var pattern = CompareProduct.Pattern(faulty && device == 2 ? OtherPattern : GoldenPattern);
            board.Paste(pattern, Compare(device));
            using var colour = new Mat(100, 100, MatType.CV_8UC3, faulty && device == 4 ? new Scalar(255, 0, 0) : new Scalar(0, 0, 255));
            board.Paste(colour, Colour(device));
        }

        board.SavePng(Path.Combine(sharedRoot, "cfx", $"{name}.png"));
        return $"/mnt/visual-aoi-shared/cfx/{name}.png";
    }
}
