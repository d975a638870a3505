using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Programs;

/// <summary>Creates a program with the process rules' defaults, changed by <see cref="ProgramSettings"/>.</summary>
public sealed class CreateProgram(VigilDbContext db, TimeProvider time)
{
    public async Task<ProgramEntity> ExecuteAsync(string slug, string name, string advisoryIdPrefix, ProgramSettings? settings = null, CancellationToken cancellationToken = default)
    {
        if (!ProgramPolicy.IsSlug(slug))
        {
            throw new ValidationFailedException($"'{slug}' is not a program slug.",
                new Dictionary<string, string[]> { ["slug"] = ["lower-case letters, digits and inner hyphens, at most 60 characters."] });
        }
        var program = new ProgramEntity { Slug = slug, Name = name, AdvisoryIdPrefix = advisoryIdPrefix, CreatedAt = time.GetUtcNow() };
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
