using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>
/// Records who maintains a package: a contact e-mail to invite, and/or the account (recused from triaging the
/// package's reports). A program's admin records maintainers for that program only; the command line may also
/// record an instance-wide account link that recuses the account in every program.
/// </summary>
public sealed class AddPackageMaintainer(VigilDbContext db, TimeProvider time)
{
    /// <summary>
    /// An administrator of the program records a maintainer of a package in the program's scope: a contact
    /// <paramref name="email"/>, and/or the account registered with <paramref name="accountEmail"/> (recused from its
    /// reports).
    /// </summary>
    public async Task<PackageMaintainerEntity> ExecuteAsync(
        string slug,
        Actor actor,
        string? ecosystem,
        string? name,
        string? email,
        string? accountEmail,
        CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        if (ecosystem is not ("npm" or "NuGet"))
        {
            throw ProgramAdminAccess.Invalid("ecosystem", "npm or NuGet.");
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 300)
        {
            throw ProgramAdminAccess.Invalid("name", "the package name (1–300 characters).");
        }
        name = name.Trim();
        if (!ProgramPolicy.InScope(program, ecosystem, name))
        {
            throw ProgramAdminAccess.Invalid("name", $"{ecosystem}/{name} is not in the scope of '{slug}'.");
        }
        Guid? userId = null;
        if (!string.IsNullOrWhiteSpace(accountEmail))
        {
            var normalized = accountEmail.Trim().ToUpperInvariant();
            userId = await db.Users.AsNoTracking()
                .Where(u => u.NormalizedEmail == normalized)
                .Select(u => (Guid?)u.Id)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw ProgramAdminAccess.Invalid(
                    "accountEmail", $"no account is registered with '{accountEmail.Trim()}'.");
        }
        return await AddAsync(
            program.Id, ecosystem, name, userId, string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            cancellationToken);
    }

    /// <summary>Trusted callers (the CLI, tests): an instance-wide account link or contact, no authorization
    /// check.</summary>
    public Task<PackageMaintainerEntity> ExecuteAsync(
        string ecosystem, string name, Guid? userId, string? email, CancellationToken cancellationToken = default) =>
        AddAsync(null, ecosystem, name, userId, email, cancellationToken);

    private async Task<PackageMaintainerEntity> AddAsync(
        long? programId,
        string ecosystem,
        string name,
        Guid? userId,
        string? email,
        CancellationToken cancellationToken)
    {
        if (userId is null && string.IsNullOrWhiteSpace(email))
        {
            throw new ValidationFailedException("A maintainer needs an account or an e-mail address.",
                new Dictionary<string, string[]> { ["email"] = ["give the maintainer's e-mail address or account."] });
        }
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            throw new ValidationFailedException($"'{email}' is not an e-mail address.",
                new Dictionary<string, string[]> { ["email"] = ["not an e-mail address."] });
        }
        var maintainer = new PackageMaintainerEntity
        {
            ProgramId = programId,
            Ecosystem = ecosystem,
            Name = name,
            UserId = userId,
            Email = email?.Trim(),
            AddedAt = time.GetUtcNow(),
        };
        db.PackageMaintainers.Add(maintainer);
        await db.SaveChangesAsync(cancellationToken);
        return maintainer;
    }
}
