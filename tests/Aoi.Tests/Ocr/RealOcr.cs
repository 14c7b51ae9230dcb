using Aoi.Grains.Engines.Ocr;
using Aoi.Grains.Engines.Ocr.Paddle;
using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>The real PP-OCRv4 engine from the models the build copied to the test output (models/ocr).</summary>
public static class RealOcr
{
    private static readonly Lazy<OcrEngineProvider> SharedProvider =
        new(() => new OcrEngineProvider(() => PaddleOcrEngine.Load(PaddleOcrModelFiles.Default)));

    /// <summary>Fails (not skips) when the models are missing: the build is responsible for them.</summary>
    public static OcrEngineProvider Provider
    {
        get
        {
            var provider = SharedProvider.Value;
            Assert.True(provider.UnavailableReason is null, $"OCR engine unavailable: {provider.UnavailableReason}");
            return provider;
        }
    }

    /// <summary>Upper case without whitespace: spaces between words are not reliably recognised, letters are.</summary>
    public static string Letters(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Through JPEG quality 95 like the line cameras' pictures.</summary>
    public static Mat AsCameraJpeg(Mat picture)
    {
        Cv2.ImEncode(".jpg", picture, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
        return Cv2.ImDecode(bytes, ImreadModes.Color);
    }
}
