using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>
/// The app with a real SMTP server on loopback (the outbox dispatcher polls every second), and the real password
/// hasher wrapped to count its work, so two answers can be shown to cost the same hashing.
/// </summary>
public sealed partial class AccountMailWorld : IAsyncDisposable
{
    private AccountMailWorld(WebTest test, LoopbackSmtpServer smtp, CountingHasher hasher,
        WebApplicationFactory<Program> factory)
    {
        Test = test;
        Smtp = smtp;
        Hasher = hasher;
        Factory = factory;
    }

    public WebTest Test { get; }
    public LoopbackSmtpServer Smtp { get; }
    public CountingHasher Hasher { get; }
    public WebApplicationFactory<Program> Factory { get; }

    public static async Task<AccountMailWorld> StartAsync(DatabaseProvider provider, bool mail = true)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        var smtp = LoopbackSmtpServer.Start();
        var hasher = new CountingHasher();
        var factory = test.Factory.WithWebHostBuilder(builder =>
        {
            if (mail)
            {
                builder.UseSetting("Vigil:Smtp:Host", "127.0.0.1");
                builder.UseSetting("Vigil:Smtp:Port",
                    smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                builder.UseSetting("Vigil:Smtp:Security", "None");
                builder.UseSetting("Vigil:Smtp:From", "Vigil <vigil@example.test>");
                builder.UseSetting("Vigil:Notifications:PollInterval", "00:00:01");
            }
            builder.UseSetting("Vigil:PublicUrl", "https://vigil.example.test");
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<VigilUser>>(hasher));
        });
        return new AccountMailWorld(test, smtp, hasher, factory);
    }

    public AccountSession Browser() => AccountSession.For(Factory);

    /// <summary>The next e-mail to <paramref name="to"/> the SMTP server receives (real time, bounded).</summary>
    public async Task<MimeMessage> MailToAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found =
                Smtp.Received.LastOrDefault(m => m.To.Mailboxes.Any(a => a.Address == to) && !_read.Contains(m));
            if (found is not null)
            {
                _read.Add(found);
                return found;
            }
            await Smtp.WaitForMessageAsync(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"no e-mail to {to}");
    }

    private readonly HashSet<MimeMessage> _read = [];

    /// <summary>The link's path and its fragment's two values, read from the message's text.</summary>
    public static (string Path, string User, string Token) Link(MimeMessage message)
    {
        var match = LinkPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, message.TextBody);
        return (match.Groups["path"].Value, match.Groups["user"].Value,
            Uri.UnescapeDataString(match.Groups["token"].Value));
    }

    [GeneratedRegex(
        @"https://vigil\.example\.test(?<path>/account/[a-z-]+)#user=(?<user>[0-9a-f-]{36})"
        + @"&token=(?<token>[A-Za-z0-9_%-]+)")]
    private static partial Regex LinkPattern();

    /// <summary>A page's body without what differs per request: the antiforgery token.</summary>
    public static string WithoutFormToken(string html) => FormToken().Replace(html, "value=\"…\"");

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex FormToken();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
        await Test.DisposeAsync();
    }

    /// <summary>ASP.NET Core Identity's own hasher, counting each hash and each verification.</summary>
    public sealed class CountingHasher : IPasswordHasher<VigilUser>
    {
        private readonly PasswordHasher<VigilUser> _real = new();
        private int _hashes, _verifications;

        public (int Hashes, int Verifications) Work => (_hashes, _verifications);

        public string HashPassword(VigilUser user, string password)
        {
            Interlocked.Increment(ref _hashes);
            return _real.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(VigilUser user, string hashedPassword,
            string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
