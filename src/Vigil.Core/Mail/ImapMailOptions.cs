using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Vigil.Core.Mail;

public enum ImapSecurity
{
    /// <summary>Plain text: allowed for a loopback host only.</summary>
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// The <c>Vigil:Mail:Imap</c> section (docs/email.md): a mailbox that <c>vigil serve</c> polls, as an alternative
/// (or an addition) to the SMTP listener. Each message in <see cref="Folder"/> goes through <see cref="ReceiveMail"/>
/// and is then moved to the folder of what it became. The rules that bound the listener (<c>ReplyDomain</c>,
/// <c>MaxMessageBytes</c>, the reply address lifetime and the rate limits) are <see cref="InboundMailOptions"/>'.
/// </summary>
public sealed class ImapMailOptions : IValidatableObject
{
    public const string Section = "Vigil:Mail:Imap";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = Section + ":Port must be between 1 and 65535.")]
    public int Port { get; set; } = 993;

    public ImapSecurity Security { get; set; } = ImapSecurity.SslOnConnect;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder mail arrives in.</summary>
    public string Folder { get; set; } = "INBOX";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00",
        ErrorMessage = Section + ":PollInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where a message goes once it became a report or a comment (or was one already: a duplicate).</summary>
    public string ProcessedFolder { get; set; } = "Vigil/Processed";

    /// <summary>Where a bounce, an automatic answer or Vigil's own mail goes: nothing was written.</summary>
    public string DroppedFolder { get; set; } = "Vigil/Dropped";

    /// <summary>Where a message goes that the listener would have refused: nothing was written.</summary>
    public string RefusedFolder { get; set; } = "Vigil/Refused";

    /// <summary>The folders by setting name, each a path with <c>/</c> between its levels.</summary>
    public IReadOnlyList<(string Setting, string Path)> Folders =>
    [
        (nameof(Folder), Folder),
        (nameof(ProcessedFolder), ProcessedFolder),
        (nameof(DroppedFolder), DroppedFolder),
        (nameof(RefusedFolder), RefusedFolder),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Host) || Uri.CheckHostName(Host.Trim()) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult(
                $"{Section}:Host must be a host name or an IP address when {Section}:Enabled is true.", [nameof(Host)]);
        }
        else if (Security == ImapSecurity.None && !IsLoopback(Host.Trim()))
        {
            yield return new ValidationResult(
                $"{Section}:Security may be None only for a loopback Host (127.0.0.1, ::1, localhost): the password "
                + "and the mail would cross the network in clear. Use SslOnConnect or StartTls.", [nameof(Security)]);
        }
        if (string.IsNullOrWhiteSpace(User))
        {
            yield return new ValidationResult($"{Section}:User is required when {Section}:Enabled is true.",
                [nameof(User)]);
        }
        if (string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult(
                $"{Section}:Password is required when {Section}:Enabled is true "
                + "(set it as Vigil__Mail__Imap__Password).",
                [nameof(Password)]);
        }
        foreach (var (setting, path) in Folders)
        {
            if (string.IsNullOrWhiteSpace(path) || path.Length > 200
                || path.Split('/').Any(level => level.Trim().Length == 0 || level.Any(char.IsControl)))
            {
                yield return new ValidationResult(
                    $"{Section}:{setting} must be a folder path such as Vigil/Refused: levels separated by '/', none "
                    + "empty, at most 200 characters.", [setting]);
            }
        }
        foreach (var same in Folders.GroupBy(f => Normal(f.Path)).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult(
                $"{string.Join(" and ", same.Select(f => $"{Section}:{f.Setting}"))} must name different folders.",
                same.Select(f => f.Setting).ToArray());
        }
    }

    /// <summary>INBOX is case-insensitive (RFC 3501); other names are compared as written.</summary>
    internal static string Normal(string path) =>
        path.Trim().Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : path.Trim();

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
