using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Vigil.Core.Mail;

/// <summary>
/// The <c>Vigil:Mail:Inbound</c> section (docs/email.md): the SMTP or LMTP listener an MTA forwards a program's
/// intake addresses and the reply addresses to. Off unless <see cref="Enabled"/>; bound to loopback by default.
/// </summary>
public sealed class InboundMailOptions : IValidatableObject
{
    public const string Section = "Vigil:Mail:Inbound";

    public const string Smtp = "smtp", Lmtp = "lmtp";

    public bool Enabled { get; set; }

    /// <summary>
    /// <c>smtp</c> (an MTA's <c>smtp:</c> transport) or <c>lmtp</c> (RFC 2033, Postfix's <c>lmtp:</c> transport:
    /// one reply per recipient after the message).
    /// </summary>
    public string Protocol { get; set; } = Smtp;

    /// <summary>
    /// With <c>lmtp</c>: an absolute path of a Unix socket to listen on instead of <see cref="Address"/> and
    /// <see cref="Port"/> (Postfix's <c>lmtp:unix:</c>).
    /// </summary>
    public string? UnixSocket { get; set; }

    /// <summary>Whether the listener speaks LMTP.</summary>
    public bool IsLmtp => string.Equals(Protocol?.Trim(), Lmtp, StringComparison.OrdinalIgnoreCase);

    /// <summary>The address the listener binds to; loopback unless the operator says otherwise.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (tests read it back).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 2525;

    /// <summary>
    /// The domain of the reply addresses (<c>reply+token@ReplyDomain</c>); the MTA routes it to the listener.
    /// </summary>
    public string? ReplyDomain { get; set; }

    /// <summary>
    /// The largest message accepted, in bytes, MIME encoding included (base64 adds a third to attachments).
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = 35 * 1024 * 1024;

    /// <summary>How long a reply address stays good after the mail that carried it.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan ReplyAddressLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Messages taken from one sender per hour; beyond, the listener answers 451 (try later).</summary>
    [Range(1, 100_000)]
    public int PerSenderPerHour { get; set; } = 10;

    /// <summary>Messages taken for one intake or reply address per hour; beyond, 451.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressPerHour { get; set; } = 200;

    /// <summary>Whether <paramref name="value"/> can be the domain of the reply addresses.</summary>
    public static bool IsDomain(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Uri.CheckHostName(value) == UriHostNameType.Dns;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsLmtp && !string.Equals(Protocol?.Trim(), Smtp, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"{Section}:Protocol must be {Smtp} or {Lmtp}.", [nameof(Protocol)]);
        }
        if (!string.IsNullOrEmpty(UnixSocket) && (!IsLmtp || !Path.IsPathFullyQualified(UnixSocket)))
        {
            yield return new ValidationResult(
                $"{Section}:UnixSocket must be an absolute path, and is for {Section}:Protocol {Lmtp} only.",
                [nameof(UnixSocket)]);
        }
        if (!IPAddress.TryParse(Address, out _))
        {
            yield return new ValidationResult(
                $"{Section}:Address must be an IP address, e.g. 127.0.0.1.", [nameof(Address)]);
        }
        if (Enabled && !IsDomain(ReplyDomain))
        {
            yield return new ValidationResult(
                $"{Section}:ReplyDomain must be a domain name (e.g. reply.example.org) when {Section}:Enabled is true.",
                [nameof(ReplyDomain)]);
        }
    }
}
