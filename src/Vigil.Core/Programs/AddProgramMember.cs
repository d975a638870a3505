using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Puts an account on a program's team, or changes its role there.</summary>
public sealed class AddProgramMember(VigilDbContext db, TimeProvider time)
{
    /// <summary>An administrator adds the account registered with <paramref name="email"/>; <paramref name="role"/> is
    /// <c>triager</c> or <c>admin</c>.</summary>
    public async Task<ProgramMemberEntity> ExecuteAsync(
        string slug, Actor actor, string? email, string? role, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        if (!TryParseRole(role, out var parsed))
        {
            throw ProgramAdminAccess.Invalid("role", "triager or admin.");
        }
        if (string.IsNullOrWhiteSpace(email) || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
        {
            throw ProgramAdminAccess.Invalid("email", "the e-mail address of a registered account.");
        }
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized)
            .Select(u => (Guid?)u.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw ProgramAdminAccess.Invalid(
                "email",
                $"no account is registered with '{email.Trim()}'; ask them to register at /account/register first.");
        return await ExecuteAsync(program.Slug, user, parsed, cancellationToken);
    }

    /// <summary>Trusted callers (the CLI, tests): no authorization check.</summary>
    public async Task<ProgramMemberEntity> ExecuteAsync(
        string slug, Guid userId, ProgramRole role, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken)
            ?? throw new NotFoundException($"No program '{slug}'.");
        var member = await db.ProgramMembers.SingleOrDefaultAsync(
            m => m.ProgramId == program.Id && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            member = new ProgramMemberEntity { ProgramId = program.Id, UserId = userId, AddedAt = time.GetUtcNow() };
            db.ProgramMembers.Add(member);
        }
        member.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    public static bool TryParseRole(string? value, out ProgramRole role)
    {
        role = value?.Trim().ToLowerInvariant() switch
        {
            "triager" => ProgramRole.Triager,
            "admin" => ProgramRole.Admin,
            _ => 0,
        };
        return role != 0;
    }
}
