using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

public sealed record StoredAdvisory(
    long Number, string Source, AdvisorySeverity Severity, double? CvssScore, OsvVulnerability Vulnerability);

/// <summary>Finds one advisory by its id, or by an alias such as a CVE id (ids are case-sensitive, like
/// OSV's).</summary>
public sealed class GetAdvisory(VigilDbContext db)
{
    public async Task<StoredAdvisory?> ExecuteAsync(string idOrAlias, CancellationToken cancellationToken = default)
    {
        var entity = await db.Advisories.AsNoTracking().FirstOrDefaultAsync(a => a.Id == idOrAlias, cancellationToken)
            ?? await db.Advisories.AsNoTracking()
                .Where(
                    a => db.AdvisoryAliases.Any(alias => alias.AdvisoryNumber == a.Number && alias.Alias == idOrAlias))
                .OrderBy(a => a.Number)
                .FirstOrDefaultAsync(cancellationToken);
        return entity is null
            ? null
            : new StoredAdvisory(
                entity.Number, entity.Source, entity.Severity, entity.CvssScore, OsvPurls.Read(entity.Document));
    }
}
