using System.Text.Json.Nodes;
using Aoi.Grains.Products;

namespace Aoi.Tests.Products;

/// <summary>The lenient number rules of spec 2.3.</summary>
public sealed class LenientJsonTests
{
    [Theory]
    [InlineData("305", FieldState.Ok, 305)]
    [InlineData("\"305\"", FieldState.Ok, 305)]
    [InlineData("\" 42 \"", FieldState.Ok, 42)]
    [InlineData("3.0", FieldState.Ok, 3)]
    [InlineData("\"3.0\"", FieldState.Ok, 3)]
    [InlineData("1e3", FieldState.Ok, 1000)]
    [InlineData("-7", FieldState.Ok, -7)]
    [InlineData("null", FieldState.Absent, 0)]
    [InlineData("3.5", FieldState.Invalid, 0)]
    [InlineData("\"abc\"", FieldState.Invalid, 0)]
    [InlineData("\"\"", FieldState.Invalid, 0)]
    [InlineData("true", FieldState.Invalid, 0)]
    [InlineData("[1]", FieldState.Invalid, 0)]
    [InlineData("1e12", FieldState.Invalid, 0)]
    public void ReadIntAcceptsIntegersIntegralFloatsAndNumericStrings(string json, FieldState state, int value)
    {
        var read = LenientJson.ReadInt(JsonNode.Parse(json));

        Assert.Equal((state, value), (read.State, read.Value));
    }

    [Fact]
    public void ReadIntWorksOnValuesBuiltInCode()
    {
        Assert.Equal(12, LenientJson.ReadInt(JsonValue.Create(12)).Value);
        Assert.Equal(0.25, LenientJson.ReadNumber(JsonValue.Create(0.25)).Value);
        Assert.Equal(FieldState.Absent, LenientJson.ReadInt(null).State);
    }

    [Theory]
    [InlineData(5.0, "5.0")]
    [InlineData(0.9, "0.9")]
    [InlineData(50, "50.0")]
    public void RealKeepsTheDecimalPoint(double value, string text) => Assert.Equal(text, LenientJson.Real(value).ToJsonString());
}
