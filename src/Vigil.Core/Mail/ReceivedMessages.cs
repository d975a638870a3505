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

    /// <summary>
    /// Remembers the message (once: the key is the table's key, so a second insert is refused and ignored), and
    /// forgets those older than <see cref="Memory"/>.
    /// </summary>
    public async Task RememberAsync(byte[] key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = now - Memory;
        await db.ReceivedMessages.Where(m => m.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
        var row = new ReceivedMessageEntity { KeyHash = key, ReceivedAt = now };
        db.ReceivedMessages.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            // not kept tracked, so the same key again reaches the database (and its refusal) on this context too
            db.Entry(row).State = EntityState.Detached;
        }
        catch (DbUpdateException)
        {
            // Already remembered (the same message taken at the same moment by another delivery): once is enough.
            db.ChangeTracker.Clear();
        }
    }
}
