using System.Diagnostics;
using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>
/// The shared sessions under concurrent ROIs, and the per-ROI det+cls+rec time of the real OCR ROI sizes written
/// to the test output (reported, never asserted: the machine is shared).
/// </summary>
public sealed class OcrThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConcurrentRoisReadTheSameAsOneByOne()
    {
        var texts = new[] { "PCB-V1.2", "SN 20003548", "HELLO WORLD", "FW v0.1.7", "v0.1.8", "20007325" };
        var labels = texts.Select(t => LabelRenderer.Label(t, HersheyFonts.HersheyDuplex, 1.2, 2, LabelRenderer.Dark, LabelRenderer.Light)).ToList();
        try
        {
            var sequential = new List<string>();
            foreach (var label in labels)
            {
                sequential.Add((await OcrRois.Evaluate(RealOcr.Provider, label)).Ocr!.RawText);
            }

            var concurrent = await Task.WhenAll(labels.Select(label =>
                Task.Run(async () => (await OcrRois.Evaluate(RealOcr.Provider, label)).Ocr!.RawText)));

            Assert.Equal(sequential, concurrent);
            Assert.Equal(texts.Select(RealOcr.Letters), sequential.Select(RealOcr.Letters));
        }
        finally
        {
            labels.ForEach(l => l.Dispose());
        }
    }

    [Theory]
    [InlineData(400, 100, 0, "PCB-V1.2")]
    [InlineData(102, 442, 270, "20007325")] // product 20007325 ROI 18
    [InlineData(747, 434, 270, "v0.1.8")] // product knx-2272 ROI 1
    public async Task MedianTimePerRoi(int width, int height, int rotation, string text)
    {
        using var crop = rotation == 0
            ? LabelRenderer.Fitted(text, HersheyFonts.HersheySimplex, 2, LabelRenderer.Dark, LabelRenderer.Light, width, height)
            : LabelRenderer.BottomToTopStrip(text, HersheyFonts.HersheySimplex, 2, LabelRenderer.Dark, LabelRenderer.Light, width, height);
        await OcrRois.Evaluate(RealOcr.Provider, crop, rotation, text);

        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await OcrRois.Evaluate(RealOcr.Provider, crop, rotation, text);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.True(result.Passed, result.Ocr!.Text);
        }

        times.Sort();
        output.WriteLine($"OCR ROI {width}x{height} rotation {rotation}: median {times[2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1})");
    }
}
