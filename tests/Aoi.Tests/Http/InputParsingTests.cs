using System.Text;
using System.Text.Json.Nodes;
using Aoi.Web.Http;
using Aoi.Web.Images;
using Aoi.Web.Inspection;

namespace Aoi.Tests.Http;

/// <summary>device_barcodes (spec 6.6, case 40), base64 (5.5, case 17) and group keys (6.5), without a server.</summary>
public sealed class InputParsingTests
{
    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void DeviceBarcodesObjectForm()
    {
        var input = DeviceBarcodesParser.FromJson(Body("""{"device_barcodes": {"1": " M ", "2": "", "3": null, "4": "Z"}}"""));
        Assert.Equal(new Dictionary<int, string> { [1] = "M", [4] = "Z" }, input.Manual);
        Assert.Null(input.Legacy);
    }

    [Fact]
    public void DeviceBarcodesListFormWithStringIds()
    {
        var input = DeviceBarcodesParser.FromJson(Body(
            """{"device_barcodes": [{"device_id": 1, "barcode": " M "}, {"device_id": "2", "barcode": "N"}, {"device_id": 3, "barcode": null}]}"""));
        Assert.Equal(new Dictionary<int, string> { [1] = "M", [2] = "N" }, input.Manual);
    }

    [Fact]
    public void LegacyDeviceBarcodeIsTrimmedAndBlankIgnored()
    {
        Assert.Equal("L", DeviceBarcodesParser.FromJson(Body("""{"device_barcode": " L "}""")).Legacy);
        Assert.Null(DeviceBarcodesParser.FromJson(Body("""{"device_barcode": "  "}""")).Legacy);
    }

    [Theory]
    [InlineData("""{"device_barcodes": {"x": "M"}}""")]
    [InlineData("""{"device_barcodes": {"5": "M"}}""")]
    [InlineData("""{"device_barcodes": {"0": "M"}}""")]
    [InlineData("""{"device_barcodes": [{"device_id": 9, "barcode": "M"}]}""")]
    [InlineData("""{"device_barcodes": [{"barcode": "M"}]}""")]
    [InlineData("""{"device_barcodes": ["M"]}""")]
    [InlineData("""{"device_barcodes": "M"}""")]
    [InlineData("""{"device_barcodes": {"1": {"a": 1}}}""")]
    public void BadDeviceBarcodesAre400(string json)
    {
        var ex = Assert.Throws<ApiException>(() => DeviceBarcodesParser.FromJson(Body(json)));
        Assert.Equal(400, ex.Status);
        Assert.StartsWith("Invalid device_barcodes: ", ex.Error);
    }

    [Fact]
    public void MultipartDeviceBarcodesAreJsonText()
    {
        var input = DeviceBarcodesParser.FromForm("""[{"device_id": 2, "barcode": "B"}]""", "L");
        Assert.Equal("B", input.Manual[2]);
        Assert.Equal("L", input.Legacy);
        Assert.Throws<ApiException>(() => DeviceBarcodesParser.FromForm("{not json", null));
    }

    [Fact]
    public void Base64WithAndWithoutDataUrlPrefixDecodeAlike()
    {
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5 };
        var plain = Convert.ToBase64String(bytes);
        Assert.Equal(bytes, UploadedImageWriter.DecodeBase64(plain));
        Assert.Equal(bytes, UploadedImageWriter.DecodeBase64("data:image/jpeg;base64," + plain));
        Assert.Equal(bytes, UploadedImageWriter.DecodeBase64(" " + plain[..4] + "\n" + plain[4..] + "\r\n"));
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("")]
    [InlineData("data:image/jpeg;base64,")]
    [InlineData("abc")]
    public void InvalidBase64Is400(string text)
    {
        var ex = Assert.Throws<ApiException>(() => UploadedImageWriter.DecodeBase64(text));
        Assert.Equal(400, ex.Status);
        Assert.Equal("Invalid base64 image data", ex.Error);
    }

    [Fact]
    public void UploadExtensionFollowsSignature()
    {
        Assert.Equal(".jpg", UploadedImageWriter.ExtensionFor([0xFF, 0xD8, 0xFF, 0xE0], "x.png"));
        Assert.Equal(".png", UploadedImageWriter.ExtensionFor([0x89, (byte)'P', (byte)'N', (byte)'G'], null));
        Assert.Equal(".bmp", UploadedImageWriter.ExtensionFor(Encoding.ASCII.GetBytes("BM.."), null));
        Assert.Equal(".jpg", UploadedImageWriter.ExtensionFor(Encoding.ASCII.GetBytes("hello"), null));
    }

    [Fact]
    public void ImageSourcePrecedence()
    {
        Assert.Equal(ImageSourceKind.Path, ImageSource.Select(Body("""{"image": "x", "image_filename": "f", "image_path": "p"}"""))!.Kind);
        Assert.Equal(ImageSourceKind.Filename, ImageSource.Select(Body("""{"image": "x", "image_filename": "f"}"""))!.Kind);
        Assert.Equal(ImageSourceKind.Base64, ImageSource.Select(Body("""{"image": "x", "image_path": ""}"""))!.Kind);
        Assert.Null(ImageSource.Select(Body("""{"device_barcode": "x"}""")));
    }

    [Theory]
    [InlineData("230,650", 230, 650)]
    [InlineData("230, 650", 230, 650)]
    [InlineData("a,650", null, 650)]
    [InlineData("230", null, null)]
    public void GroupKeyParsing(string key, int? focus, int? exposure) =>
        Assert.Equal((focus, exposure), CaptureGroupsParser.ParseKey(key));

    [Theory]
    [InlineData("230", 230)]
    [InlineData("230.0", 230)]
    [InlineData("\"230\"", 230)]
    [InlineData("230.5", null)]
    [InlineData("\"x\"", null)]
    [InlineData("true", null)]
    public void LenientIntegers(string json, int? expected) =>
        Assert.Equal(expected, JsonFields.AsInt(JsonNode.Parse(json)));
}
