using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.SavedReplies;

/// <summary>A program's saved replies by title, for its team; anyone else: 404.</summary>
public sealed class ListSavedReplies(VigilDbContext db)
{
    public async Task<IReadOnlyList<SavedReplyView>> ExecuteAsync(
        string slug, Actor actor, CancellationToken cancellationToken = default)
    {
        var program = await SavedReplyRules.LoadProgramAsync(db, slug, actor, cancellationToken);
        var replies = await db.SavedReplies.AsNoTracking().Where(r => r.ProgramId == program.Id)
            .ToListAsync(cancellationToken);
        var authors = replies.Select(r => r.UpdatedBy).OfType<Guid>().Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => authors.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        return [.. replies
            .Select(r => new SavedReplyView(r.Id, r.Title, r.Body, r.CreatedAt, r.UpdatedAt,
                r.UpdatedBy is { } by ? emails.GetValueOrDefault(by) : null))
            .OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id)];
    }
}
