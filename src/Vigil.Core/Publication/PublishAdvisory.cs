using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Publication;

/// <summary>The advisory as it entered the public database.</summary>
public sealed record PublishedAdvisory(string Id, long Number, OsvVulnerability Vulnerability);

/// <summary>
/// Puts a new advisory into the public database under a freshly minted id (docs/publication.md: "Publication
/// means the advisory enters the public database; from then on every API, feed and export carries it").
/// The caller's open transaction, if any, is joined, so a report's move to "published" and its advisory
/// commit together; tracked changes of the caller are saved with it. On PostgreSQL, minting holds a
/// transaction-scoped advisory lock per prefix, so instances sharing one database never race for an id. The APIs'
/// matching index and caches notice the new row within their refresh interval (Vigil:IndexRefreshSeconds).
/// </summary>
public sealed class PublishAdvisory(VigilDbContext db, TimeProvider time)
{
    public const string Source = "vigil";
    private const int Attempts = 10;

    public async Task<PublishedAdvisory> ExecuteAsync(
        AdvisoryDraft draft, string idPrefix, DraftOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!AdvisoryIds.IsValidPrefix(idPrefix))
        {
            throw new ValidationFailedException($"'{idPrefix}' is not an advisory id prefix.",
                new Dictionary<string, string[]>
                {
                    ["idPrefix"] = ["an upper-case letter, then 1–15 upper-case letters or digits."],
                });
        }
        DraftValidation.Check(draft, origin);
        await CheckAliasesAsync(draft, cancellationToken);

        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var owned = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            AdvisoryEntity? entity = null;
            try
            {
                await AdvisoryIds.LockPrefixAsync(db, idPrefix, cancellationToken);
                var id = await AdvisoryIds.NextAsync(db, idPrefix, now.Year, cancellationToken);
                var vulnerability = DraftToOsv.Build(draft, id, now, now);
                var document = OsvJson.Serialize(vulnerability);
                entity = new AdvisoryEntity
                {
                    Id = id,
                    Source = Source,
                    Origin = AdvisoryOrigin.Program,
                    Document = document,
                };
                AdvisoryRows.Apply(entity, vulnerability, document);
                db.Advisories.Add(entity);
                await db.SaveChangesAsync(cancellationToken);
                if (owned is not null)
                {
                    await owned.CommitAsync(cancellationToken);
                }
                return new PublishedAdvisory(id, entity.Number, vulnerability);
            }
            catch (DbUpdateException) when (owned is not null && attempt < Attempts)
            {
                // SQLite has no advisory lock: a concurrent publisher took the id between our read and our
                // insert, and the unique index refused ours. Forget the rows and mint again.
                await owned.RollbackAsync(cancellationToken);
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                {
                    added.State = EntityState.Detached;
                }
            }
            finally
            {
                if (owned is not null)
                {
                    await owned.DisposeAsync();
                }
            }
        }
    }

    /// <summary>An alias (e.g. a CVE id) names one vulnerability: a second advisory claiming it is a conflict, not a
    /// duplicate row.</summary>
    private async Task CheckAliasesAsync(AdvisoryDraft draft, CancellationToken cancellationToken)
    {
        var aliases = draft.Aliases ?? [];
        if (aliases.Count == 0)
        {
            return;
        }
        var taken = await (
                from alias in db.AdvisoryAliases.AsNoTracking()
                join advisory in db.Advisories.AsNoTracking() on alias.AdvisoryNumber equals advisory.Number
                where aliases.Contains(alias.Alias)
                select new { alias.Alias, advisory.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            throw new ConflictException($"{taken.Alias} is already an alias of advisory {taken.Id}.");
        }
    }
}
