using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Removes a program's webhook endpoint; deliveries still queued for it fail as "endpoint no longer
/// exists".</summary>
public sealed class RemoveWebhookEndpoint(VigilDbContext db)
{
    public async Task ExecuteAsync(string slug, Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(
            w => w.Id == id && w.ProgramId == program.Id, cancellationToken)
            ?? throw new NotFoundException($"No webhook endpoint {id} on '{slug}'.");
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
    }
}
