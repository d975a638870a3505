using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>Streams every stored advisory (optionally one source's) in id order, for exporters.</summary>
public sealed class ListAdvisories(VigilDbContext db)
{
    public async IAsyncEnumerable<StoredAdvisory> ExecuteAsync(
        string? source = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = db.Advisories.AsNoTracking();
        if (source is not null)
        {
            query = query.Where(a => a.Source == source);
        }
        await foreach (var entity in query.OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new StoredAdvisory(
                entity.Number, entity.Source, entity.Severity, entity.CvssScore, OsvJson.Deserialize(entity.Document));
        }
    }
}
