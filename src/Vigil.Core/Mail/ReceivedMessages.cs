using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Vigil.Core.Data;

namespace Vigil.Core.Mail;

/// <summary>
/// Which messages were already taken (<see cref="ReceivedMessageEntity"/>). A message is remembered after what it
/// became was committed, so a crash in between can at worst let a retry through again (a duplicate, never a
/// loss). A message without a <c>Message-ID</c> cannot be recognised and is always taken.
/// </summary>
public sealed class ReceivedMessages(VigilDbContext db, TimeProvider time)
{
    /// <summary>How long a message is remembered: far longer than any MTA retries (five days by default).</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(30);

    /// <summary>
    /// The message's key: its sender, <c>Message-ID</c> and recipients (an MTA may deliver one message to two
    /// addresses in two transactions; each is taken once).
    /// </summary>
    public static byte[]? Key(MimeMessage message, string sender, IEnumerable<string> recipients) =>
        string.IsNullOrWhiteSpace(message.MessageId)
            ? null
            : SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', [
                sender.Trim().ToLowerInvariant(),
                message.MessageId.Trim(),
                .. recipients.Order(StringComparer.Ordinal),
            ])));

    public Task<bool> SeenAsync(byte[] key, CancellationToken cancellationToken) =>
        db.ReceivedMessages.AsNoTracking().AnyAsync(m => m.KeyHash == key, cancellationToken);

    /// <summary>Remembers the message, and forgets those older than <see cref="Memory"/>.</summary>
    public async Task RememberAsync(byte[] key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = now - Memory;
        await db.ReceivedMessages.Where(m => m.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
        if (await SeenAsync(key, cancellationToken))
        {
            return;
        }
        db.ReceivedMessages.Add(new ReceivedMessageEntity { KeyHash = key, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same message taken at the same moment by another delivery: remembered once is enough.
            db.ChangeTracker.Clear();
        }
    }
}
