using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Accounts;

/// <summary>
/// An account registers its OpenPGP public key, replacing the one it had (<see cref="OpenPgpPublicKey"/> says what
/// is accepted). From then on mail about a report is encrypted to it (docs/notifications.md) and mail it signs is
/// recorded as verified (docs/email.md).
/// </summary>
public sealed class RegisterAccountKey(VigilDbContext db, TimeProvider clock)
{
    public async Task<AccountKeyInfo> ExecuteAsync(
        Actor actor, string? armored, CancellationToken cancellationToken = default)
    {
        var userId = AccountKeyOwner.Of(actor);
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No such account.");
        var now = clock.GetUtcNow();
        var key = OpenPgpPublicKey.Parse(armored, email, now);
        var row = await db.AccountKeys.SingleOrDefaultAsync(k => k.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new AccountKeyEntity { UserId = userId, Fingerprint = "", PublicKey = "" };
            db.AccountKeys.Add(row);
        }
        row.Fingerprint = key.Fingerprint;
        row.PublicKey = armored!.Trim().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        row.KeyCreated = key.Created;
        row.KeyExpires = key.Expires;
        row.RegisteredAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request of the same account registered a key at the same moment (the unique index decides).
            throw new ConflictException("Another key was registered at the same moment; reload and try again.");
        }
        return AccountKeyInfo.From(row);
    }
}
