using System.Diagnostics;
using Aoi.Grains.Imaging;
using Aoi.Grains.Golden;
using Aoi.Grains.History;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using ZXing;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Aoi.Grains.Inspection;

/// <summary>
/// A dry run of one inspection of a product on this silo: a picture of the product decoded and cut by the inspection
/// path's own <see cref="InspectionPreparation"/>, every ROI through the silo's ROI workers (one after another, each
/// when no real inspection runs on the silo: <see cref="LiveInspections"/>). Run
/// at start-up once the product's models are ready, it leaves nothing for the first real inspection to do for the
/// first time — compiling the path, the JPEG decoder's and encoder's first calls, every engine at the sizes of this
/// product's crops. The picture is made here, a good board as far as it can be made: a textured grey frame with each
/// compare ROI's reference golden at its place, a code label in each barcode ROI and printed text in each OCR ROI, so
/// the engines run their reading paths, not only their searching ones (after a rehearsal on texture alone, the first
/// real labels still took 26–52 ms each, against 3–8 ms warm). The ROIs run as <see cref="RoiWorkItem.DryRun"/>, so no
/// golden is promoted, and their output pictures go to a private folder of the data root. Their results are assembled
/// into a response as a session does (devices, overall; barcodes not linked), its history record is built and dropped,
/// and the front end renders its answer (<see cref="IAnswerRehearsal"/>): the first real inspection spent about 20–25 ms
/// more than a warm one on those steps (building the record 4–6 ms, the answer's JSON 15–21 ms), compiling them.
/// Nothing is recorded, linked or published: no history, yield, review or CFX message sees a rehearsal.
/// </summary>
public sealed partial class InspectionRehearsal(
    InspectionPreparation preparation,
    InspectionResultAssembler assembler,
    IEnumerable<IAnswerRehearsal> answers,
    LiveInspections live,
    IGrainFactory grains,
    AoiPaths paths,
    TimeProvider time,
    ILogger<InspectionRehearsal> logger)
{
    private const string Name = "__rehearsal";

    private string Folder => Path.Combine(paths.DataRoot, "warmup", "rehearsal");

    /// <summary>Inspects a made-up good board of <paramref name="snapshot"/>; failures are logged, never thrown.</summary>
    public async Task RunAsync(ProductSnapshot snapshot, CancellationToken cancellationToken)
    {
        var rois = snapshot.Rois.Where(r => r.Enabled && r.ConfigError is null).ToList();
        if (rois.Count == 0)
        {
            return;
        }

        var elapsed = Stopwatch.StartNew();
        var picture = Path.Combine(Folder, $"{snapshot.ProductName}.jpg");
        try
        {
            await live.WhenNoneAsync(cancellationToken);
            WritePicture(snapshot, rois, picture);
            await live.WhenNoneAsync(cancellationToken);
            var request = InspectionRequest.Single(new ImageInput(picture, Name), DeviceBarcodeInput.None, DateTimeOffset.Now);
            var output = new RoiOutputFolder(Path.Combine(Folder, "output"), string.Empty);
            var items = new List<RoiWorkItem>();
            var prepared = await preparation.PrepareAsync(output, snapshot.ProductName, new SnapshotResult(snapshot, false, []), request,
                item => items.Add(item with { DryRun = true }), cancellationToken);
            if (prepared.Failure is { } failure)
            {
                LogRefused(snapshot.ProductName, failure.Error);
                return;
            }

            // One ROI at a time, and none while a line's inspection runs (a station that starts with the server): the
            // rehearsal only saves that inspection work, it must not cost it any.
            var results = new List<RoiResult>();
            foreach (var item in items)
            {
                await live.WhenNoneAsync(cancellationToken);
                if (await InspectRoiAsync(item, cancellationToken) is { } result)
                {
                    results.Add(result);
                }
            }

            await live.WhenNoneAsync(cancellationToken);
            var assembled = await assembler.AssembleAsync(results, snapshot.Rois, request.Barcodes, cancellationToken, link: false);
            var response = assembled.ToResponse(Name, snapshot, prepared.Summarise(results, 0), request.ReceivedAt);
            _ = InspectionRecorder.Build(new InspectionRecordContext(Name, snapshot.ProductName, "{}", request.Frames), response, time);
            foreach (var answer in answers)
            {
                answer.Rehearse(response);
            }

            LogRehearsed(snapshot.ProductName, items.Count, elapsed.ElapsedMilliseconds, prepared.DecodeMs);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(ex, snapshot.ProductName);
        }
        finally
        {
            TryDelete(picture);
        }
    }

    private async Task<RoiResult?> InspectRoiAsync(RoiWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<IRoiInspectorGrain>(0).InspectAsync(item, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A real inspection reports this ROI's failure itself.
            LogRoiFailed(ex, item.ProductName, item.Roi.Idx);
            return null;
        }
    }

    /// <summary>
    /// A frame as large as the ROIs reach: a textured mid-grey (a flat one would let the JPEG decoder skip the work a
    /// photograph costs) with the reference golden of each compare ROI at its place.
    /// </summary>
    private static void WritePicture(ProductSnapshot snapshot, List<RoiDefinition> rois, string path)
    {
        var width = rois.Max(r => r.Coords.X2);
        var height = rois.Max(r => r.Coords.Y2);
        using var tile = new Mat(256, 256, MatType.CV_8UC3);
        Cv2.Randn(tile, new Scalar(128, 128, 128), new Scalar(24, 24, 24));
        using var frame = new Mat();
        Cv2.Repeat(tile, (height + 255) / 256, (width + 255) / 256, frame);
        foreach (var roi in rois)
        {
            var place = new Rect(roi.Coords.X1, roi.Coords.Y1, roi.Coords.Width, roi.Coords.Height);
            using var content = place is { Width: > 0, Height: > 0, X: >= 0, Y: >= 0 } ? Content(snapshot, roi, place.Size) : null;
            if (content is not null && !content.Empty())
            {
                using var target = new Mat(frame, place);
                Cv2.Resize(content, target, place.Size);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var visible = new Mat(frame, new Rect(0, 0, width, height));
        Cv2.ImWrite(path, visible, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
    }

    /// <summary>What a good board shows in the ROI, or null where nothing can be made (then the texture stays).</summary>
    private static Mat? Content(ProductSnapshot snapshot, RoiDefinition roi, Size size)
    {
        switch (roi.Type)
        {
            case RoiDefinition.Compare:
                var golden = Path.Combine(snapshot.ProductFolder, "golden_rois", $"roi_{roi.Idx}", GoldenFolder.BestName);
                return File.Exists(golden) ? Cv2.ImRead(golden) : null;
            case RoiDefinition.Barcode:
                // A squarish ROI most likely holds a 2D code, a long one a 1D code; too small for one, try the other.
                BarcodeFormat[] formats = size.Width >= 2 * size.Height || size.Height >= 2 * size.Width
                    ? [BarcodeFormat.CODE_128, BarcodeFormat.DATA_MATRIX]
                    : [BarcodeFormat.DATA_MATRIX, BarcodeFormat.CODE_128];
                foreach (var format in formats)
                {
                    try
                    {
                        return CodeLabelRenderer.Render("REHEARSAL1", size.Width, size.Height, format);
                    }
                    catch (ArgumentException)
                    {
                        // Too small for this symbology.
                    }
                }

                return null;
            case RoiDefinition.Ocr:
                return PrintedText(string.IsNullOrWhiteSpace(roi.ExpectedText) ? "AOI 2468" : roi.ExpectedText, size);
            default:
                return null;
        }
    }

    /// <summary>Dark text on a light label, as large as fits.</summary>
    private static Mat PrintedText(string text, Size size)
    {
        var label = new Mat(size, MatType.CV_8UC3, new Scalar(240, 240, 240));
        var unit = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, 1.0, 2, out _);
        var scale = Math.Max(0.3, Math.Min(0.9 * size.Width / unit.Width, 0.6 * size.Height / unit.Height));
        var thickness = Math.Max(1, (int)Math.Round(2 * scale));
        var fitted = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, thickness, out var baseline);
        var origin = new Point((size.Width - fitted.Width) / 2, (size.Height + fitted.Height) / 2 - baseline / 2);
        Cv2.PutText(label, text, origin, HersheyFonts.HersheySimplex, scale, new Scalar(20, 20, 20), thickness, LineTypes.AntiAlias);
        return label;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Overwritten by the next rehearsal.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rehearsed an inspection of {Product}: {Rois} ROIs in {Ms} ms (decode {DecodeMs:F0} ms); nothing recorded")]
    private partial void LogRehearsed(string product, int rois, long ms, double decodeMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rehearsal of {Product} refused its own picture: {Error}")]
    private partial void LogRefused(string product, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rehearsal of {Product} failed")]
    private partial void LogFailed(Exception exception, string product);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rehearsal of {Product}: the worker call for ROI {RoiIdx} failed")]
    private partial void LogRoiFailed(Exception exception, string product, int roiIdx);
}
