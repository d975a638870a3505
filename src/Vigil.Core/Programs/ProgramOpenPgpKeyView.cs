using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Programs;

/// <summary>What is public of a program's OpenPGP key: never its secret part.</summary>
public sealed record ProgramOpenPgpKeyView(string Fingerprint, string PublicKey, DateTimeOffset AddedAt)
{
    /// <summary>The fingerprint in groups of four, as people compare them.</summary>
    public string FingerprintForPeople => Accounts.OpenPgpPublicKey.ForPeople(Fingerprint);

    internal static ProgramOpenPgpKeyView From(ProgramOpenPgpKeyEntity key) =>
        new(key.Fingerprint, key.PublicKey, key.AddedAt);

    /// <summary>The program's key, if it set one.</summary>
    public static async Task<ProgramOpenPgpKeyView?> FindAsync(
        VigilDbContext db, long programId, CancellationToken cancellationToken) =>
        await db.ProgramOpenPgpKeys.AsNoTracking().Where(k => k.ProgramId == programId)
            .Select(k => new ProgramOpenPgpKeyView(k.Fingerprint, k.PublicKey, k.AddedAt))
            .SingleOrDefaultAsync(cancellationToken);
}
