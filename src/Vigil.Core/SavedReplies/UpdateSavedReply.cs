using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.SavedReplies;

/// <summary>Changes a saved reply's title and body, for the program's team; a title another reply of the program has
/// (in any case) is a conflict.</summary>
public sealed class UpdateSavedReply(VigilDbContext db, TimeProvider clock)
{
    public async Task<SavedReplyView> ExecuteAsync(
        string slug, Actor actor, long id, string? title, string? body, CancellationToken cancellationToken = default)
    {
        var program = await SavedReplyRules.LoadProgramAsync(db, slug, actor, cancellationToken);
        var reply = await SavedReplyRules.LoadReplyAsync(db, program.Id, id, cancellationToken);
        (title, body) = SavedReplyRules.Check(title, body);
        var key = SavedReplyRules.KeyOf(title);
        if (await SavedReplyRules.TitleTakenAsync(db, program.Id, key, id, cancellationToken))
        {
            throw SavedReplyRules.TitleTaken(title);
        }
        if (reply.Title != title || reply.Body != body)
        {
            reply.Title = title;
            reply.TitleKey = key;
            reply.Body = body;
            reply.UpdatedAt = clock.GetUtcNow();
            reply.UpdatedBy = SavedReplyRules.AuthorOf(actor);
            await SavedReplyRules.SaveAsync(db, title, cancellationToken);
        }
        return await SavedReplyRules.ViewAsync(db, reply, cancellationToken);
    }
}
