using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Creates a program with the process rules' defaults, changed by <see cref="ProgramSettings"/>.</summary>
public sealed class CreateProgram(VigilDbContext db, TimeProvider time)
{
    /// <summary>An instance administrator creates a program (<see cref="ProgramAdminAccess"/>); anyone else gets
    /// 404.</summary>
    public Task<ProgramEntity> ExecuteAsync(
        Actor actor,
        string? slug,
        string? name,
        string? advisoryIdPrefix,
        ProgramSettings? settings = null,
        CancellationToken cancellationToken = default)
    {
        ProgramAdminAccess.EnsureCanCreate(actor);
        return ExecuteAsync(
            slug?.Trim() ?? "", name ?? "", advisoryIdPrefix?.Trim() ?? "", settings, cancellationToken);
    }

    /// <summary>Trusted callers (the CLI, tests): no authorization check.</summary>
    public async Task<ProgramEntity> ExecuteAsync(
        string slug,
        string name,
        string advisoryIdPrefix,
        ProgramSettings? settings = null,
        CancellationToken cancellationToken = default)
    {
        if (!ProgramPolicy.IsSlug(slug))
        {
            throw new ValidationFailedException($"'{slug}' is not a program slug.",
                new Dictionary<string, string[]>
                {
                    ["slug"] = ["lower-case letters, digits and inner hyphens, at most 60 characters."],
                });
        }
        var program = new ProgramEntity
        {
            Slug = slug,
            Name = name,
            AdvisoryIdPrefix = advisoryIdPrefix,
            CreatedAt = time.GetUtcNow(),
        };
        ProgramPolicy.Apply(program, (settings ?? new ProgramSettings()) with
        {
            Name = name,
            AdvisoryIdPrefix = advisoryIdPrefix,
        });
        if (await db.Programs.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            throw new ConflictException($"A program '{slug}' already exists.");
        }
        db.Programs.Add(program);
        await db.SaveChangesAsync(cancellationToken);
        return program;
    }
}
