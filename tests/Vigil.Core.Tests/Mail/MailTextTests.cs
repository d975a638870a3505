using MimeKit;
using Vigil.Core.Mail;

namespace Vigil.Core.Tests.Mail;

public class MailTextTests
{
    public static TheoryData<string, string> Replies => new()
    {
        // RFC 3676 §4.3: "-- " on a line of its own separates the signature.
        { "Fixed in 1.2.3.\n-- \nAda\nExample Labs", "Fixed in 1.2.3." },
        { "Yes.\n\nOn Mon, 7 Dec 2026 at 09:00, Vigil <security@vigil.test> wrote:\n> Received: report #1", "Yes." },
        { "Yes.\nOn Mon, 7 Dec 2026 at 09:00, Vigil\n<security@vigil.test> wrote:\n> quoted", "Yes." },
        { "First\n> quoted line\nSecond", "First\nSecond" },
        { "Answer\n-----Original Message-----\nFrom: Vigil", "Answer" },
        { "Answer\n________________________________\nFrom: Vigil", "Answer" },
        { "On second thought, it is only 2.x.", "On second thought, it is only 2.x." },
        { "> only a quote", "" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Reply_QuotedHistoryAndSignature_AreTrimmed(string body, string expected) =>
        Assert.Equal(expected, MailText.Reply(body));

    [Fact]
    public void Body_TextAndHtmlParts_TakesTheTextPart()
    {
        var message = new MimeMessage
        {
            Body = new BodyBuilder { TextBody = "plain words", HtmlBody = "<p>html words</p>" }.ToMessageBody()
        };

        Assert.Equal("plain words", MailText.Body(message));
    }

    [Fact]
    public void HtmlAsText_Markup_NoTagScriptOrStyleSurvives()
    {
        var text = MailText.HtmlAsText(
            "<style>x{}</style><p>a &lt;b&gt; <img src=x onerror=alert(1)></p><script>evil()</script><div>c</div>");

        Assert.Equal("\na <b>\n\nc\n", text);
    }
}
