using Aoi.Grains.Engines.Ocr;
using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>Answers fixed lines (spec 8: "OCR tag cases may use a stub OCR engine") and keeps a copy of what it was given.</summary>
public sealed class StubOcrEngine(params OcrLine[] lines) : IOcrEngine, IDisposable
{
    public Mat? Received { get; private set; }

    public Exception? Failure { get; init; }

    public static StubOcrEngine Reading(string text) =>
        new(text.Length == 0 ? [] : [new OcrLine(text, 0.9)]);

    public IReadOnlyList<OcrLine> Read(Mat image, CancellationToken cancellationToken)
    {
        Received?.Dispose();
        Received = image.Clone();
        if (Failure is not null)
        {
            throw Failure;
        }

        return lines;
    }

    public void Dispose() => Received?.Dispose();
}
