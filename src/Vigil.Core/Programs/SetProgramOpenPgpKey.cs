using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>
/// Sets a program's own OpenPGP key for its mail intake (docs/email.md), replacing the one it had: an
/// ASCII-armored secret key with an encryption key, and its passphrase (<see cref="ProgramOpenPgpSecretKey"/>),
/// sealed at rest with the master key. Program administrators only; to anyone else the program does not exist.
/// </summary>
public sealed class SetProgramOpenPgpKey(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public async Task<ProgramOpenPgpKeyView> ExecuteAsync(
        string slug, Actor actor, string? secretKey, string? passphrase, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var now = time.GetUtcNow();
        var key = ProgramOpenPgpSecretKey.Parse(secretKey, passphrase, now);
        var stored = await db.ProgramOpenPgpKeys.SingleOrDefaultAsync(
            k => k.ProgramId == program.Id, cancellationToken);
        if (stored is null)
        {
            stored = new ProgramOpenPgpKeyEntity
            {
                ProgramId = program.Id,
                Fingerprint = "",
                PublicKey = "",
                SealedSecretKey = "",
            };
            db.ProgramOpenPgpKeys.Add(stored);
        }
        stored.Fingerprint = key.Fingerprint;
        stored.PublicKey = key.PublicKey;
        stored.SealedSecretKey = key.Seal(vault);
        stored.AddedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return ProgramOpenPgpKeyView.From(stored);
    }
}
