using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Mail;

/// <summary>
/// Per-participant reply addresses (docs/email.md): <c>reply+&lt;token&gt;@ReplyDomain</c>, the token 192 random
/// bits in lower-case hex (mail systems may fold the case of a local part), stored as its SHA-256 only.
/// </summary>
public sealed class ReplyAddresses(
    VigilDbContext db, TimeProvider time, IOptions<InboundMailOptions> options, IOptions<ImapMailOptions> imap)
{
    public const string LocalPrefix = "reply+";

    /// <summary>
    /// Whether mail from reports carries reply addresses: only when they reach Vigil, through the listener or the
    /// polled mailbox.
    /// </summary>
    public bool Enabled =>
        (options.Value.Enabled || imap.Value.Enabled) && options.Value.ReplyDomain is { Length: > 0 };

    /// <summary>
    /// A new reply address of <paramref name="userId"/> (null: the anonymous reporter) for mail to
    /// <paramref name="recipient"/>; added to the caller's unit of work.
    /// </summary>
    public string Issue(long reportId, Guid? userId, string recipient)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = time.GetUtcNow();
        db.ReplyAddresses.Add(new ReplyAddressEntity
        {
            ReportId = reportId,
            TokenHash = Hash(token),
            UserId = userId,
            SenderHash = HashAddress(recipient),
            CreatedAt = now,
            ExpiresAt = now + options.Value.ReplyAddressLifetime,
        });
        return $"{LocalPrefix}{token}@{options.Value.ReplyDomain!.Trim().ToLowerInvariant()}";
    }

    /// <summary>
    /// Whether <paramref name="address"/> has the form of a reply address of this instance (known or not).
    /// </summary>
    public bool IsReplyAddress(string address) => Token(address) is not null;

    /// <summary>
    /// The reply address <paramref name="recipient"/> names, when it is known, not spent, and was handed to
    /// <paramref name="sender"/> (any sender when null); otherwise null (the caller refuses, saying nothing of why).
    /// </summary>
    public async Task<ReplyAddressEntity?> FindAsync(
        string recipient, string? sender, CancellationToken cancellationToken)
    {
        if (Token(recipient) is not { } token)
        {
            return null;
        }
        var hash = Hash(token);
        var found = await db.ReplyAddresses.AsNoTracking()
            .SingleOrDefaultAsync(a => a.TokenHash == hash, cancellationToken);
        return found is not null && found.ExpiresAt > time.GetUtcNow()
            && (sender is null || CryptographicOperations.FixedTimeEquals(found.SenderHash, HashAddress(sender)))
            ? found
            : null;
    }

    public static byte[] HashAddress(string address) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant()));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    private string? Token(string address)
    {
        var at = address.LastIndexOf('@');
        if (!Enabled || at < 0
            || !address[(at + 1)..].Equals(options.Value.ReplyDomain!.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var local = address[..at].ToLowerInvariant();
        return local.StartsWith(LocalPrefix, StringComparison.Ordinal) && local.Length == LocalPrefix.Length + 48
            && local[LocalPrefix.Length..].All(char.IsAsciiHexDigitLower)
            ? local[LocalPrefix.Length..]
            : null;
    }
}
