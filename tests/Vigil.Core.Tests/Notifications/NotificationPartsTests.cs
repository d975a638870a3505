using System.ComponentModel.DataAnnotations;
using System.Net;
using Vigil.Core.Notifications;

namespace Vigil.Core.Tests.Notifications;

public class NotificationPartsTests
{
    public static TheoryData<string> Events => [.. NotificationEvent.All];

    [Theory]
    [MemberData(nameof(Events))]
    public void Render_EveryEvent_NamesProgramReportAndLinkInBothBodies(string eventType)
    {
        var rendered = NotificationTemplates.Render(eventType, Dispatchers.Facts(42));

        Assert.Contains("report #42 in npm ecosystem", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains("https://vigil.test/reports/42", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://vigil.test/reports/42\"", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ProgramNameWithMarkup_IsEncodedInHtml()
    {
        var facts = new NotificationFacts("<b>x</b>", 1, new Uri("https://vigil.test/r/1"));

        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", NotificationTemplates.Render(NotificationEvent.Accepted, facts).Html,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@example.org", "a***@e***.org")]
    [InlineData("x@localhost", "x***@l***")]
    [InlineData("not-an-address", "***")]
    [InlineData(null, "(none)")]
    public void Email_Address_IsMasked(string? address, string expected) => Assert.Equal(expected, Mask.Email(address));

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    public void IsPublic_Address_MatchesSsrfRule(string address, bool expected) =>
        Assert.Equal(expected, WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.org/x", true)]
    [InlineData("http://hooks.example.org/x", true)]
    [InlineData("ftp://hooks.example.org/x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://user:pw@hooks.example.org/", false)]
    [InlineData("not a url", false)]
    public void IsAllowedUrl_Url_OnlyHttpAndHttps(string url, bool expected) =>
        Assert.Equal(expected, WebhookTargetGuard.IsAllowedUrl(url, out _));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 60)]
    public void RetryDelay_Attempts_DoublesUpToTheCap(int attempts, int minutes)
    {
        var options = new NotificationOptions
        {
            FirstRetryDelay = TimeSpan.FromMinutes(1),
            MaxRetryDelay = TimeSpan.FromHours(1)
        };

        Assert.Equal(TimeSpan.FromMinutes(minutes), options.RetryDelay(attempts));
    }

    [Theory]
    [InlineData(null, null, null, null, true)]
    [InlineData("smtp.example.org", "Vigil <security@example.org>", null, null, true)]
    [InlineData("smtp.example.org", "Vigil <security@example.org>", "vigil", "secret", true)]
    [InlineData("smtp.example.org", null, null, null, false)]
    [InlineData("smtp.example.org", "not a mailbox <", null, null, false)]
    [InlineData("smtp.example.org", "security@example.org", "vigil", null, false)]
    public void Validate_SmtpOptions_RequiresFromWithHostAndCredentialsTogether(string? host, string? from,
        string? user, string? password, bool valid)
    {
        var options = new SmtpOptions { Host = host, From = from, User = user, Password = password };

        Assert.Equal(valid,
            Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
