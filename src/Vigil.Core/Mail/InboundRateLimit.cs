using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;

namespace Vigil.Core.Mail;

/// <summary>
/// Mail bombs: at most <see cref="InboundMailOptions.PerSenderPerHour"/> messages from one sender and
/// <see cref="InboundMailOptions.PerAddressPerHour"/> to one address per clock hour, counted in the database
/// (<see cref="MailRateCountEntity"/>) so that every <c>vigil serve</c> on it shares the counts: a flood spread over
/// several instances meets the same limit as one sent to a single instance. Each count is one conditional upsert
/// (<c>INSERT … ON CONFLICT DO UPDATE … WHERE count &lt; limit</c>, the same statement on SQLite and PostgreSQL),
/// which the database makes atomic; the counts of one message are taken in one transaction, all or none.
/// The hour is read from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class InboundRateLimit(VigilDbContext db, TimeProvider time, IOptions<InboundMailOptions> options)
{
    /// <summary>
    /// Counts one message from <paramref name="sender"/> to <paramref name="recipients"/>; false when a limit is
    /// reached (nothing counted then). Windows of past hours are deleted.
    /// </summary>
    public async Task<bool> TryTakeAsync(
        string sender, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var hour = Hour(time.GetUtcNow());
        // Taken in one order by every instance, so two transactions never wait on each other's rows in a cycle.
        var counts = recipients.Select(r => (Key: Key("to", r), Limit: options.Value.PerAddressPerHour))
            .Append((Key: Key("from", sender), Limit: options.Value.PerSenderPerHour))
            .DistinctBy(c => Convert.ToHexString(c.Key))
            .OrderBy(c => Convert.ToHexString(c.Key), StringComparer.Ordinal)
            .ToList();
        bool taken;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            taken = true;
            foreach (var (key, limit) in counts)
            {
                if (await CountAsync(key, hour, limit, cancellationToken) == 0)
                {
                    taken = false;
                    break;
                }
            }
            if (taken)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }
        }
        await db.MailRateCounts.Where(c => c.Hour < hour).ExecuteDeleteAsync(cancellationToken);
        return taken;
    }

    /// <summary>The clock hour of <paramref name="instant"/>, counted from the Unix epoch.</summary>
    public static long Hour(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / 3600;

    /// <summary>
    /// The counter's key: the SHA-256 of what is counted and the address in lower case, never the address itself.
    /// </summary>
    public static byte[] Key(string kind, string address) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + address.Trim().ToLowerInvariant()));

    /// <summary>
    /// One more in the window, unless it holds <paramref name="limit"/> already: 1 row changed, else 0.
    /// </summary>
    private Task<int> CountAsync(byte[] key, long hour, int limit, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO mail_rate_counts ("KeyHash", "Hour", "Count") VALUES ({key}, {hour}, 1)
            ON CONFLICT ("KeyHash", "Hour") DO UPDATE SET "Count" = mail_rate_counts."Count" + 1
            WHERE mail_rate_counts."Count" < {limit}
            """, cancellationToken);
}
