using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Models;
using Aoi.Tests.Compare;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class OnnxGraphOutputsTests
{
    [Fact]
    public void AppendKeepsEveryOtherFieldAndAddsTheOutputsAfterTheExistingOnes()
    {
        // ModelProto { ir_version(1) = 7, graph(7) = { name(2) = "g", output(12) = { name = "y" } }, opset(8) = {...} }
        var model = Message(
            Varint(1, 7),
            Bytes(7, Message(Bytes(2, "g"u8.ToArray()), Bytes(12, Bytes(1, "y"u8.ToArray())))),
            Bytes(8, Varint(2, 11)));

        var rewritten = OnnxGraphOutputs.Append(model, ["a", new string('z', 200)]);

        Assert.Equal(["y"], OnnxGraphOutputs.Names(model));
        // The 200-character name needs a two-byte length varint, the graph's own length grows past one byte too.
        Assert.Equal(["y", "a", new string('z', 200)], OnnxGraphOutputs.Names(rewritten));
        Assert.Equal(model[..2], rewritten[..2]);
        Assert.EndsWith(Convert.ToHexString(Bytes(8, Varint(2, 11))), Convert.ToHexString(rewritten));
    }

    [Fact]
    public void AModelWithoutAGraphIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => OnnxGraphOutputs.Append(Varint(1, 7), ["a"]));
    }

    [Fact]
    public void ThePackagedResNet18ExposesItsStageMapsAfterTheRewrite()
    {
        var original = File.ReadAllBytes(CompareTestRig.SharedModel.NetPath);
        Assert.Equal(["Pooling395_Output_0"], OnnxGraphOutputs.Names(original));
        Assert.Equal(
            ["Pooling395_Output_0", .. ResNet18Model.IntermediateOutputs],
            OnnxGraphOutputs.Names(OnnxGraphOutputs.Append(original, ResNet18Model.IntermediateOutputs)));

        using var image = DrawnParts.Chip();
        var maps = CompareTestRig.SharedModel.FeatureMaps(
            image, ResNet18Model.Stage2Output, ResNet18Model.Stage3Output, ResNet18Model.Stage4Output);

        Assert.Equal((128, 28, 28), (maps[0].Channels, maps[0].Height, maps[0].Width));
        Assert.Equal((256, 14, 14), (maps[1].Channels, maps[1].Height, maps[1].Width));
        Assert.Equal((512, 7, 7), (maps[2].Channels, maps[2].Height, maps[2].Width));
        Assert.All(maps, m => Assert.Contains(m.Values, v => v > 0f));
        // Extra outputs do not change the network: the pooled output is the same whether fetched alone or with them.
        var pooled = CompareTestRig.SharedModel.Featurize(image);
        Assert.Equal(pooled, CompareTestRig.SharedModel.FeatureMaps(image, "Pooling395_Output_0", ResNet18Model.Stage3Output)[0].Values);
    }

    [Fact]
    public void UnknownOutputsAreRefused()
    {
        using var image = new Mat(32, 32, MatType.CV_8UC3, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => CompareTestRig.SharedModel.FeatureMaps(image, "Input247"));
    }

    private static byte[] Message(params byte[][] fields) => fields.SelectMany(f => f).ToArray();

    private static byte[] Varint(int field, ulong value)
    {
        using var stream = new MemoryStream();
        ProtobufWire.WriteTag(stream, field, ProtobufWire.Varint);
        ProtobufWire.WriteVarint(stream, value);
        return stream.ToArray();
    }

    private static byte[] Bytes(int field, byte[] payload)
    {
        using var stream = new MemoryStream();
        ProtobufWire.WriteLengthDelimited(stream, field, payload);
        return stream.ToArray();
    }
}
