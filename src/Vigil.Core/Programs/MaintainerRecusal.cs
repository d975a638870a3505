using Vigil.Core.Data;

namespace Vigil.Core.Programs;

/// <summary>
/// Which packages recuse an account in one program (four-eyes): the program's own maintainer records of the
/// account, and the instance-wide account links (no program). Another program's records never count here.
/// </summary>
public static class MaintainerRecusal
{
    public static IQueryable<PackageMaintainerEntity> RecordsOf(VigilDbContext db, long programId, Guid user) =>
        db.PackageMaintainers.Where(m => m.UserId == user && (m.ProgramId == programId || m.ProgramId == null));
}
