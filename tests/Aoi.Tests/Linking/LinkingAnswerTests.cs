using Aoi.Grains.Linking;

namespace Aoi.Tests.Linking;

/// <summary>Reading an HTTP 200 body of the linking service (spec 6.7).</summary>
public sealed class LinkingAnswerTests
{
    [Theory]
    [InlineData("\"1897848-0001555-118714\"", "1897848-0001555-118714")]
    [InlineData("1897848-0001555-118714", "1897848-0001555-118714")]
    [InlineData("  \"1897848-0001555-118714\"\r\n", "1897848-0001555-118714")]
    [InlineData("\"\"X\"\"", "\"X\"")]
    [InlineData("\"X", "\"X")]
    [InlineData("nullable", "nullable")]
    public void LinkedValue_HasOnePairOfQuotesRemoved(string body, string expected) =>
        Assert.Equal(expected, LinkingAnswer.Parse(body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData(" \"NULL\" ")]
    [InlineData("\" \"")]
    public void EmptyOrNull_IsNotLinked(string? body) => Assert.Null(LinkingAnswer.Parse(body));
}
