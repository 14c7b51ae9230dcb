using OpenCvSharp;
using ZXing;
using ZXing.Common;

namespace Aoi.Tests.Demo;

/// <summary>Independent ZXing read of a BGR crop, to check test pictures before blaming the server for a miss.</summary>
public static class CodeReader
{
    public static Result? Read(Mat bgr)
    {
        using var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        // A fresh CvtColor output is continuous, so its buffer is rows × cols bytes in one block.
        var bytes = new byte[grey.Rows * grey.Cols];
        System.Runtime.InteropServices.Marshal.Copy(grey.Data, bytes, 0, bytes.Length);

        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = true,
            Options = new DecodingOptions { TryHarder = true },
        };
        return reader.Decode(new RGBLuminanceSource(bytes, grey.Cols, grey.Rows, RGBLuminanceSource.BitmapFormat.Gray8));
    }
}
