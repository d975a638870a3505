using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>The ecosystems that have at least one advisory, in name order (the search form's choices).</summary>
public sealed class ListEcosystems(VigilDbContext db)
{
    public async Task<IReadOnlyList<string>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        (await db.AffectedPackages.AsNoTracking().Select(p => p.Ecosystem).Distinct().ToListAsync(cancellationToken))
            .Order(StringComparer.Ordinal)
            .ToList();
}
