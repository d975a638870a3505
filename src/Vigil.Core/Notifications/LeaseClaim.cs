using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Core.Notifications;

/// <summary>A row that one server instance at a time may work on.</summary>
public interface ILeased
{
    long Id { get; }
    string? LeaseOwner { get; set; }
    DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>
/// Claims rows for one worker when several server instances share a database: a conditional
/// <c>UPDATE … SET lease_owner = me, lease_until = now + d WHERE id = x AND &lt;still due&gt; AND (lease_until IS
/// NULL OR lease_until &lt; now)</c>. The database applies it atomically, so for each row exactly one concurrent
/// caller sees "1 row affected" and wins. Reuse it for any table by implementing <see cref="ILeased"/>
/// on the entity (the deadline clock claims by inserting a unique row instead); the winner finishes its work and
/// clears the lease in the update that records the outcome (a crashed worker's lease lapses, then another retries).
/// </summary>
public static class LeaseClaim
{
    /// <summary>
    /// Tries to claim each candidate that is still <paramref name="due"/>; returns the ids this owner now holds.
    /// </summary>
    /// <param name="due">
    /// The condition that made the row a candidate, checked again in the claim itself: another instance may have
    /// finished the row (and cleared its lease) between this caller's read of the candidates and its claim, and
    /// without the condition the free lease alone would let it claim and do the work a second time.
    /// </param>
    public static async Task<IReadOnlyList<long>> ClaimAsync<T>(
        DbSet<T> set, IEnumerable<long> candidateIds, Expression<Func<T, bool>> due, string owner, DateTimeOffset now,
        TimeSpan duration, CancellationToken cancellationToken)
        where T : class, ILeased
    {
        var until = now + duration;
        var claimed = new List<long>();
        foreach (var id in candidateIds)
        {
            var affected = await set
                .Where(due)
                .Where(e => e.Id == id && (e.LeaseUntil == null || e.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, owner).SetProperty(
                    e => e.LeaseUntil, until), cancellationToken);
            if (affected == 1)
            {
                claimed.Add(id);
            }
        }
        return claimed;
    }

    /// <summary>True while <paramref name="owner"/> still holds the lease on row <paramref name="id"/>.</summary>
    public static Task<bool> HoldsAsync<T>(
        DbSet<T> set, long id, string owner, DateTimeOffset now, CancellationToken cancellationToken)
        where T : class, ILeased =>
        set.AnyAsync(e => e.Id == id && e.LeaseOwner == owner && e.LeaseUntil >= now, cancellationToken);
}
