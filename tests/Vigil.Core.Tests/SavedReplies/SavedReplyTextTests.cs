using Vigil.Core.SavedReplies;

namespace Vigil.Core.Tests.SavedReplies;

public class SavedReplyTextTests
{
    private static readonly ReplyFacts Facts = new("42", "deep-merge", "npm ecosystem");

    [Theory]
    [InlineData("Report {report}.", "Report 42.")]
    [InlineData("{package} is not in {program}.", "deep-merge is not in npm ecosystem.")]
    [InlineData("{report}{report} {package}", "4242 deep-merge")]
    [InlineData("No placeholders.", "No placeholders.")]
    [InlineData("Unknown {reporter}, {Report}, { report } stay.", "Unknown {reporter}, {Report}, { report } stay.")]
    [InlineData("{{report}}", "{42}")]
    [InlineData("{\"json\": true} {report", "{\"json\": true} {report")]
    [InlineData("", "")]
    public void Expand_Placeholders_ReplacedOthersKept(string body, string expected) =>
        Assert.Equal(expected, SavedReplyText.Expand(body, Facts));

    [Fact]
    public void Expand_ValueLooksLikeAPlaceholder_NotExpandedAgain() =>
        Assert.Equal("{report} in 7", SavedReplyText.Expand("{program} in {report}", new("7", null, "{report}")));

    [Fact]
    public void Expand_NoPackage_PlaceholderStays() =>
        Assert.Equal("{package} of 7", SavedReplyText.Expand("{package} of {report}", new("7", null, "p")));
}
