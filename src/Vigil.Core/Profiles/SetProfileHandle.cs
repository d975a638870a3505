using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Profiles;

/// <summary>An account chooses (or, with null, removes) the handle of its public reporter profile.</summary>
public sealed class SetProfileHandle(VigilDbContext db)
{
    public async Task<string?> ExecuteAsync(Actor actor, string? handle, CancellationToken cancellationToken = default)
    {
        if (actor.Kind != ActorKind.User || actor.UserId is not { } id)
        {
            throw new NotFoundException("Sign in to choose a profile handle.");
        }
        var normalized = string.IsNullOrWhiteSpace(handle) ? null : handle.Trim().ToLowerInvariant();
        if (normalized is not null && !ProfileHandles.IsValid(normalized))
        {
            throw new ValidationFailedException($"'{handle}' is not a profile handle.",
                new Dictionary<string, string[]>
                {
                    ["handle"] = ["3–39 letters, digits or single hyphens, not starting or ending with a hyphen."],
                });
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException("No such account.");
        if (normalized is not null && normalized != user.ProfileHandle
            && await db.Users.AnyAsync(u => u.ProfileHandle == normalized && u.Id != id, cancellationToken))
        {
            throw new ConflictException($"The handle '{normalized}' is taken.");
        }
        user.ProfileHandle = normalized;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another account took it between the check and the write (the unique index decides).
            throw new ConflictException($"The handle '{normalized}' is taken.");
        }
        return normalized;
    }
}
