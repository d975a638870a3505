using Microsoft.EntityFrameworkCore;

namespace Vigil.Core.Data;

/// <summary>
/// A cap counted over a parent's rows ("at most 200 saved replies per program", "at most 20 files per report") holds
/// only if two writers cannot both count below it and both insert. Inside the caller's transaction, a write to the
/// parent row that changes nothing takes the parent's write lock before the count: PostgreSQL's row lock, SQLite's
/// database write lock. The next writer waits for the commit and counts what it wrote. Writes to other parents do not
/// wait, and the parent's revision is left as it is, so the lock is no conflict for anyone.
/// </summary>
internal static class CapLock
{
    public static Task ProgramAsync(VigilDbContext db, long programId, CancellationToken cancellationToken) =>
        RequireTransaction(db).Programs.Where(p => p.Id == programId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Slug, p => p.Slug), cancellationToken);

    public static Task ReportAsync(VigilDbContext db, long reportId, CancellationToken cancellationToken) =>
        RequireTransaction(db).Reports.Where(r => r.Id == reportId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Revision, r => r.Revision), cancellationToken);

    private static VigilDbContext RequireTransaction(VigilDbContext db) =>
        db.Database.CurrentTransaction is not null
            ? db
            : throw new InvalidOperationException("a cap lock is held until a transaction ends: begin one first");
}
