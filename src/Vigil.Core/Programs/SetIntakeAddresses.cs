using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>
/// Sets the addresses a program takes reports at by e-mail (docs/email.md), replacing the ones it had: each a plain
/// address (<c>security@example.org</c>), stored in lower case, at most <see cref="MaxAddresses"/>. An address
/// another program takes already is a conflict. An empty list stops the e-mail intake.
/// </summary>
public sealed class SetIntakeAddresses(VigilDbContext db, TimeProvider time)
{
    public const int MaxAddresses = 10;

    public async Task<IReadOnlyList<string>> ExecuteAsync(
        string slug, Actor actor, IReadOnlyList<string>? addresses, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var wanted = Check(addresses ?? []);
        var taken = await db.ProgramIntakeAddresses.AsNoTracking()
            .Where(a => a.ProgramId != program.Id && wanted.Contains(a.Address)).Select(a => a.Address)
            .ToListAsync(cancellationToken);
        if (taken.Count > 0)
        {
            throw new ConflictException($"Another program takes reports at {string.Join(", ", taken)}.");
        }
        var current = await db.ProgramIntakeAddresses.Where(a => a.ProgramId == program.Id)
            .ToListAsync(cancellationToken);
        db.ProgramIntakeAddresses.RemoveRange(current.Where(a => !wanted.Contains(a.Address)));
        var now = time.GetUtcNow();
        db.ProgramIntakeAddresses.AddRange(wanted.Where(w => current.All(a => a.Address != w))
            .Select(w => new ProgramIntakeAddressEntity { ProgramId = program.Id, Address = w, AddedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        return wanted;
    }

    private static List<string> Check(IReadOnlyList<string> addresses)
    {
        if (addresses.Count > MaxAddresses)
        {
            throw ProgramAdminAccess.Invalid("addresses", $"at most {MaxAddresses} addresses.");
        }
        var wanted = new List<string>();
        for (var i = 0; i < addresses.Count; i++)
        {
            var address = addresses[i]?.Trim().ToLowerInvariant() ?? "";
            // A bare addr-spec: no display name, no comments, no route, nothing MimeKit would have to guess.
            if (address.Length is 0 or > 320 || !MimeKit.MailboxAddress.TryParse(address, out var parsed)
                || parsed.Address != address || string.IsNullOrEmpty(parsed.Domain) || address.Contains(' '))
            {
                throw ProgramAdminAccess.Invalid($"addresses[{i}]", "an e-mail address such as security@example.org.");
            }
            if (!wanted.Contains(address))
            {
                wanted.Add(address);
            }
        }
        return wanted;
    }

    /// <summary>A program's intake addresses, in order.</summary>
    public static Task<List<string>> ListAsync(
        VigilDbContext db, long programId, CancellationToken cancellationToken) =>
        db.ProgramIntakeAddresses.AsNoTracking().Where(a => a.ProgramId == programId).OrderBy(a => a.Address)
            .Select(a => a.Address).ToListAsync(cancellationToken);
}
