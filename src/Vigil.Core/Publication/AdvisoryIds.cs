using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Vigil.Core.Data;

namespace Vigil.Core.Publication;

/// <summary>
/// Ids Vigil mints for the advisories it publishes: <c>PREFIX-YYYY-N</c> (e.g. <c>NPMSEC-2026-7</c>), the
/// prefix set by the program (docs/publication.md), N counting per
/// prefix and year from 1. OSV ids are <c>&lt;DB&gt;-&lt;ENTRYID&gt;</c>, so the prefix is the database part.
/// </summary>
public static partial class AdvisoryIds
{
    /// <summary>A program's prefix: an upper-case letter, then 1–15 upper-case letters or digits.</summary>
    public static bool IsValidPrefix(string? prefix) => prefix is not null && PrefixPattern().IsMatch(prefix);

    /// <summary>The next free id for the prefix in the given year. A concurrent publisher may take it first; the unique
    /// index on the id then refuses the second, which retries.</summary>
    public static async Task<string> NextAsync(
        VigilDbContext db, string prefix, int year, CancellationToken cancellationToken)
    {
        var head = $"{prefix}-{year.ToString(CultureInfo.InvariantCulture)}-";
        var taken = await db.Advisories.AsNoTracking()
            .Where(a => a.Id.StartsWith(head))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        var max = taken
            .Select(id => long.TryParse(
                id.AsSpan(head.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        return head + (max + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// On PostgreSQL, serializes minting per prefix until the surrounding transaction ends
    /// (<c>pg_advisory_xact_lock</c>); SQLite serializes writers itself and the publisher retries instead.
    /// </summary>
    public static async Task LockPrefixAsync(VigilDbContext db, string prefix, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var key = PostgresLockKey.For("vigil-advisory-id:" + prefix);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
