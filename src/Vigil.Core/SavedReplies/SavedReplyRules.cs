using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.SavedReplies;

/// <summary>A saved reply as the team sees it.</summary>
public sealed record SavedReplyView(
    long Id, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? UpdatedBy);

/// <summary>
/// The rules of saved replies in one place: who may use them (the program's team — its admins and triagers who proved a
/// second factor, and instance administrators: <see cref="ReportAccess.IsTeamAsync"/>; anyone else gets
/// <see cref="NotFoundException"/>, as for a program that does not exist) and what a title and a body may be.
/// </summary>
public static class SavedReplyRules
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 20_000;
    public const int MaxPerProgram = 200;

    /// <summary>The program, or 404 when it does not exist or <paramref name="actor"/> is not its team.</summary>
    public static async Task<ProgramEntity> LoadProgramAsync(
        VigilDbContext db, string slug, Actor actor, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (program is null || !await ReportAccess.IsTeamAsync(db, program.Id, actor, cancellationToken))
        {
            throw ProgramAdminAccess.NotFound(slug);
        }
        return program;
    }

    /// <summary>The reply (tracked), or 404 when it is not one of <paramref name="programId"/>'s.</summary>
    public static async Task<SavedReplyEntity> LoadReplyAsync(
        VigilDbContext db, long programId, long id, CancellationToken cancellationToken) =>
        await db.SavedReplies.SingleOrDefaultAsync(r => r.Id == id && r.ProgramId == programId, cancellationToken)
            ?? throw new NotFoundException($"No saved reply {id}.");

    /// <summary>The trimmed title and body, or every problem with them at once.</summary>
    public static (string Title, string Body) Check(string? title, string? body)
    {
        var errors = new Dictionary<string, string[]>();
        title = title?.Trim() ?? "";
        body = body?.Trim() ?? "";
        if (title.Length == 0 || title.Length > MaxTitleLength)
        {
            errors["title"] = [$"1 to {MaxTitleLength} characters ({title.Length} given)."];
        }
        if (body.Length == 0 || body.Length > MaxBodyLength)
        {
            errors["body"] = [$"1 to {MaxBodyLength:N0} characters of Markdown ({body.Length:N0} given)."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")),
                errors);
        }
        return (title, body);
    }

    /// <summary>Titles are compared without regard to case.</summary>
    public static string KeyOf(string title) => title.ToUpperInvariant();

    public static Task<bool> TitleTakenAsync(
        VigilDbContext db, long programId, string key, long? exceptId, CancellationToken cancellationToken) =>
        db.SavedReplies.AnyAsync(
            r => r.ProgramId == programId && r.TitleKey == key && r.Id != (exceptId ?? 0), cancellationToken);

    public static ConflictException TitleTaken(string title, Exception? inner = null) =>
        new($"title: the program already has a saved reply titled '{title}' (titles ignore case).",
            innerException: inner);

    /// <summary>The account that acts, for the created/updated columns; null for Vigil itself.</summary>
    public static Guid? AuthorOf(Actor actor) => actor.Kind == ActorKind.User ? actor.UserId : null;

    /// <summary>Saves, turning a title another request took meanwhile into the same conflict.</summary>
    public static async Task SaveAsync(VigilDbContext db, string title, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw TitleTaken(title, e);
        }
    }

    public static async Task<SavedReplyView> ViewAsync(
        VigilDbContext db, SavedReplyEntity reply, CancellationToken cancellationToken)
    {
        var by = reply.UpdatedBy is { } user
            ? await db.Users.AsNoTracking().Where(u => u.Id == user).Select(u => u.Email).SingleOrDefaultAsync(
                cancellationToken)
            : null;
        return new SavedReplyView(reply.Id, reply.Title, reply.Body, reply.CreatedAt, reply.UpdatedAt, by);
    }
}
