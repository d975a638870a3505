using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace Vigil.Testing;

/// <summary>
/// A mailbox of its own on the Dovecot IMAP server named by <c>VIGIL_TEST_IMAP</c> (<c>host:port</c>;
/// <c>scripts/start-dovecot.sh</c> starts one, <c>.ci/run</c> always does): that server lets any user name log in
/// with <see cref="Password"/> and gives it an empty maildir, so each instance is a new user. Without the variable
/// the test skips locally and fails under CI. Messages are put in with IMAP APPEND, as a delivery agent would.
/// </summary>
public sealed class TestImap
{
    public const string Variable = "VIGIL_TEST_IMAP";
    public const string Password = "vigil-test";

    private TestImap(string host, int port)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; }
    public int Port { get; }
    public string User { get; } = $"vigil-{Guid.NewGuid():N}";

    /// <summary>A new, empty mailbox.</summary>
    public static TestImap Mailbox()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            const string message =
                $"IMAP tests need a Dovecot server: run `eval \"$(scripts/start-dovecot.sh)\"` to set {Variable} "
                + "(apt-get install dovecot-imapd).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(message);
            }
            Assert.Skip(message);
        }
        var colon = value.LastIndexOf(':');
        return new TestImap(value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>The <c>Vigil:Mail:Imap</c> settings that poll this mailbox (plain text: it is on loopback).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Vigil:Mail:Imap:Enabled"] = "true",
        ["Vigil:Mail:Imap:Host"] = Host,
        ["Vigil:Mail:Imap:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Vigil:Mail:Imap:Security"] = "None",
        ["Vigil:Mail:Imap:User"] = User,
        ["Vigil:Mail:Imap:Password"] = Password,
    };

    /// <summary>Puts <paramref name="message"/> in <paramref name="folder"/> with IMAP APPEND.</summary>
    public async Task AppendAsync(MimeMessage message, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await target.AppendAsync(new AppendRequest(message, MessageFlags.None));
        await client.DisconnectAsync(true);
    }

    /// <summary>The messages in <paramref name="folder"/> (none when it does not exist), oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync(string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        IMailFolder target;
        try
        {
            target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            return [];
        }
        await target.OpenAsync(FolderAccess.ReadOnly);
        var messages = new List<MimeMessage>();
        foreach (var uid in (await target.SearchAsync(SearchQuery.NotDeleted)).OrderBy(u => u.Id))
        {
            messages.Add(await target.GetMessageAsync(uid));
        }
        await client.DisconnectAsync(true);
        return messages;
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }
}
