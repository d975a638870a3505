using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.SavedReplies;

/// <summary>
/// Adds a saved reply to a program, for its team. A title the program already has (in any case) is a conflict, and so
/// is a program that holds <see cref="SavedReplyRules.MaxPerProgram"/> replies already; creations at the same moment
/// count one after the other (<see cref="CapLock"/>), so the cap holds.
/// </summary>
public sealed class CreateSavedReply(VigilDbContext db, TimeProvider clock)
{
    public async Task<SavedReplyView> ExecuteAsync(
        string slug, Actor actor, string? title, string? body, CancellationToken cancellationToken = default)
    {
        var program = await SavedReplyRules.LoadProgramAsync(db, slug, actor, cancellationToken);
        (title, body) = SavedReplyRules.Check(title, body);
        var key = SavedReplyRules.KeyOf(title);
        if (await SavedReplyRules.TitleTakenAsync(db, program.Id, key, null, cancellationToken))
        {
            throw SavedReplyRules.TitleTaken(title);
        }
        await using var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await CapLock.ProgramAsync(db, program.Id, cancellationToken);
        if (await db.SavedReplies.CountAsync(r => r.ProgramId == program.Id, cancellationToken)
            >= SavedReplyRules.MaxPerProgram)
        {
            throw new ConflictException(
                $"The program has {SavedReplyRules.MaxPerProgram} saved replies, the most it may keep: delete one "
                + "first.");
        }
        var now = clock.GetUtcNow();
        var author = SavedReplyRules.AuthorOf(actor);
        var reply = new SavedReplyEntity
        {
            ProgramId = program.Id,
            Title = title,
            TitleKey = key,
            Body = body,
            CreatedAt = now,
            CreatedBy = author,
            UpdatedAt = now,
            UpdatedBy = author,
        };
        db.SavedReplies.Add(reply);
        await SavedReplyRules.SaveAsync(db, title, cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }
        return await SavedReplyRules.ViewAsync(db, reply, cancellationToken);
    }
}
