using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.SavedReplies;

/// <summary>Deletes a saved reply, for the program's team. What was already posted with it stays as posted.</summary>
public sealed class DeleteSavedReply(VigilDbContext db)
{
    public async Task ExecuteAsync(string slug, Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var program = await SavedReplyRules.LoadProgramAsync(db, slug, actor, cancellationToken);
        var reply = await SavedReplyRules.LoadReplyAsync(db, program.Id, id, cancellationToken);
        db.SavedReplies.Remove(reply);
        await db.SaveChangesAsync(cancellationToken);
    }
}
