using Aoi.Grains.Engines;
using Aoi.Grains.Engines.Barcode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using ZXing;

namespace Aoi.Tests.Engines;

public sealed class BarcodeEngineTests
{
    private static readonly BarcodeEvaluator Evaluator = new(
        new OrientedBarcodeScanner(new ZXingBarcodeReader(Options.Create(new BarcodeOptions()))));

    [Fact]
    public async Task Code128IsReadAndPasses()
    {
        using var crop = Code128("ABC123");

        var result = await Evaluate(crop);

        Assert.True(result.Passed);
        Assert.Null(result.Error);
        Assert.Equal(["ABC123"], result.Barcode!.Values);
        Assert.Equal(["CODE_128"], result.Barcode.Formats);
        Assert.Equal("ABC123", result.Barcode.Candidate);
    }

    [Theory]
    [InlineData(RotateFlags.Rotate90Clockwise)]
    [InlineData(RotateFlags.Rotate180)]
    [InlineData(RotateFlags.Rotate90Counterclockwise)]
    public async Task RotatedCode128IsFound(RotateFlags rotation)
    {
        using var upright = Code128("ABC123");
        using var crop = SyntheticCodes.Rotate(upright, rotation);

        var result = await Evaluate(crop);

        Assert.True(result.Passed);
        Assert.Equal(["ABC123"], result.Barcode!.Values);
    }

    [Theory]
    [InlineData(RotateFlags.Rotate90Clockwise)]
    [InlineData(RotateFlags.Rotate180)]
    [InlineData(RotateFlags.Rotate90Counterclockwise)]
    public async Task RotatedQrCodeIsFound(RotateFlags rotation)
    {
        using var upright = SyntheticCodes.Render(BarcodeFormat.QR_CODE, "QR-ROTATED", 200, 200);
        using var crop = SyntheticCodes.Rotate(upright, rotation);

        var result = await Evaluate(crop);

        Assert.Equal(["QR-ROTATED"], result.Barcode!.Values);
        Assert.Equal(["QR_CODE"], result.Barcode.Formats);
    }

    [Fact]
    public async Task StackedSymbolsAreReadInOrderWithoutDuplicates()
    {
        using var qrTop = SyntheticCodes.Render(BarcodeFormat.QR_CODE, "A", 160, 160, margin: 2);
        using var code = SyntheticCodes.Render(BarcodeFormat.CODE_128, "B", 300, 90, margin: 2);
        using var qrBottom = SyntheticCodes.Render(BarcodeFormat.QR_CODE, "A", 160, 160, margin: 2);
        using var crop = SyntheticCodes.StackVertically(40, qrTop, code, qrBottom);

        var result = await Evaluate(crop);

        Assert.Equal(["A", "B"], result.Barcode!.Values);
        Assert.Equal(["QR_CODE", "CODE_128"], result.Barcode.Formats);
    }

    [Fact]
    public async Task SymbolAboveAnotherIsListedFirst()
    {
        using var code = SyntheticCodes.Render(BarcodeFormat.CODE_128, "FIRST", 300, 90, margin: 2);
        using var qr = SyntheticCodes.Render(BarcodeFormat.QR_CODE, "SECOND", 160, 160, margin: 2);
        using var crop = SyntheticCodes.StackVertically(40, code, qr);

        var result = await Evaluate(crop);

        Assert.Equal(["FIRST", "SECOND"], result.Barcode!.Values);
    }

    [Fact]
    public async Task BlankCropFailsWithoutError()
    {
        using var crop = new Mat(300, 600, MatType.CV_8UC3, Scalar.White);

        var result = await Evaluate(crop);

        Assert.False(result.Passed);
        Assert.Null(result.Error);
        Assert.Null(result.Detail);
        Assert.Empty(result.Barcode!.Values);
        Assert.Empty(result.Barcode.Formats);
        Assert.Null(result.Barcode.Candidate);
    }

    [Fact]
    public async Task MatchingPatternPassesWithDetail()
    {
        using var crop = Code128("20003548-0000003-1019720-101");

        var result = await Evaluate(crop, pattern: @"^2\d{7}-");

        Assert.True(result.Passed);
        Assert.Null(result.Error);
        Assert.Equal(@"value '20003548-0000003-1019720-101' matches pattern '^2\d{7}-'", result.Detail);
        Assert.Equal("20003548-0000003-1019720-101", result.Barcode!.Candidate);
    }

    [Fact]
    public async Task NonMatchingPatternFailsNamingThePattern()
    {
        using var crop = Code128("XYZ");

        var result = await Evaluate(crop, pattern: @"^2\d{7}-");

        Assert.False(result.Passed);
        Assert.Equal(@"no value matches pattern '^2\d{7}-'", result.Error);
        Assert.Equal(result.Error, result.Detail);
        Assert.Equal(["XYZ"], result.Barcode!.Values);
        Assert.Null(result.Barcode.Candidate);
    }

    [Fact]
    public async Task BlankPatternMeansNoPattern()
    {
        using var crop = Code128("XYZ");

        var result = await Evaluate(crop, pattern: "  ");

        Assert.True(result.Passed);
        Assert.Null(result.Detail);
    }

    [Theory]
    [InlineData(BarcodeFormat.EAN_13, "5901234123457", 400, 200, "EAN_13")]
    [InlineData(BarcodeFormat.DATA_MATRIX, "DM-0042", 200, 200, "DATA_MATRIX")]
    [InlineData(BarcodeFormat.QR_CODE, "https://example.com/x", 200, 200, "QR_CODE")]
    public async Task OtherSymbologiesDecodeWithTheirFormatName(
        BarcodeFormat format, string text, int width, int height, string formatName)
    {
        using var symbol = SyntheticCodes.Render(format, text, width, height);
        using var crop = SyntheticCodes.StackVertically(30, symbol);

        var result = await Evaluate(crop);

        Assert.Equal([text], result.Barcode!.Values);
        Assert.Equal([formatName], result.Barcode.Formats);
    }

    [Fact]
    public void CleanTrimsDropsBlanksAndDuplicatesInReadingOrder()
    {
        DecodedBarcode[] raw =
        [
            new(" B ", "CODE_128", 50, 0),
            new("A", "QR_CODE", 10, 40),
            new("   ", "CODE_39", 5, 0),
            new("A", "QR_CODE", 90, 0),
            new("C", "QR_CODE", 10, 5),
        ];

        var reading = OrientedBarcodeScanner.Clean(raw);

        Assert.Equal(["C", "A", "B"], reading.Values);
        Assert.Equal(["QR_CODE", "QR_CODE", "CODE_128"], reading.Formats);
    }

    [Fact]
    public void PatternTimeoutCountsAsNoMatch()
    {
        // Catastrophic backtracking on a long run of 'a' followed by a mismatch exceeds the 100 ms budget.
        var value = new string('a', 40) + "!";

        var verdict = BarcodePatternRule.Judge([value], "^(a+)+$");

        Assert.False(verdict.Passed);
        Assert.Equal("no value matches pattern '^(a+)+$'", verdict.Error);
    }

    [Fact]
    public void PatternIsCaseSensitiveAndMatchesAnywhere()
    {
        Assert.False(BarcodePatternRule.Judge(["abc-123"], "ABC").Passed);
        var verdict = BarcodePatternRule.Judge(["x", "abc-123", "zz-123"], @"\d{3}");
        Assert.True(verdict.Passed);
        Assert.Equal("abc-123", verdict.Candidate);
    }

    [Fact]
    public void UnknownFormatNameIsRejected()
    {
        var options = new BarcodeOptions { Formats = ["CODE_128", "CODE_12B"] };

        var error = Assert.Throws<ArgumentException>(() => options.ParseFormats());
        Assert.Contains("CODE_12B", error.Message);
        Assert.Throws<ArgumentException>(() => new BarcodeOptions { Formats = ["All_1D"] }.ParseFormats());
    }

    [Fact]
    public void FormatsOutsideTheConfiguredListAreNotRead()
    {
        using var crop = Code128("ONLY-128");
        var qrOnly = new OrientedBarcodeScanner(
            new ZXingBarcodeReader(Options.Create(new BarcodeOptions { Formats = ["QR_CODE"] })));

        Assert.Empty(qrOnly.Scan(crop, TestContext.Current.CancellationToken).Values);
    }

    [Fact]
    public void ConfiguredFormatListReplacesTheDefault()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Aoi:Barcode:Formats:0"] = "CODABAR" })
            .Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddBarcodeEngine()
            .BuildServiceProvider();

        Assert.Equal(["CODABAR"], provider.GetRequiredService<IOptions<BarcodeOptions>>().Value.Formats);
    }

    [Fact]
    public async Task ConcurrentEvaluationsGiveIdenticalAnswers()
    {
        using var crop = Code128("PARALLEL-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Evaluate(crop))));

        Assert.All(results, r => Assert.Equal(["PARALLEL-1"], r.Barcode!.Values));
    }

    private static Mat Code128(string text)
    {
        using var symbol = SyntheticCodes.Render(BarcodeFormat.CODE_128, text, 500, 120);
        return SyntheticCodes.StackVertically(40, symbol);
    }

    private static Task<RoiEvaluation> Evaluate(Mat crop, string? pattern = null)
    {
        var roi = new RoiDefinition(1, RoiDefinition.Barcode, new RoiRect(0, 0, crop.Width, crop.Height), 305, 3000,
            null, null, 0, 1, null, null, pattern, null, 10, 5.0, null, true, null);
        return Evaluator.EvaluateAsync(new RoiEvaluationContext(crop, roi, "p", "/tmp/p", null), CancellationToken.None);
    }
}
