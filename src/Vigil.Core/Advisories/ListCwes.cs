using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <param name="Name">From <see cref="CweNames"/>; null for a weakness that list does not hold.</param>
public sealed record CweChoice(string Id, string? Name, int Advisories);

/// <summary>The CWEs that at least one advisory names, by number (the search form's choices).</summary>
public sealed class ListCwes(VigilDbContext db)
{
    public async Task<IReadOnlyList<CweChoice>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        (await db.AdvisoryCwes.AsNoTracking().GroupBy(c => c.CweId).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken))
        .OrderBy(c => int.TryParse(c.Id.AsSpan(4), out var number) ? number : int.MaxValue)
        .Select(c => new CweChoice(c.Id, CweNames.NameOf(c.Id), c.Count))
        .ToList();
}
