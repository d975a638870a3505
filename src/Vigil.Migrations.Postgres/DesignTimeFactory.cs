using Microsoft.EntityFrameworkCore.Design;
using Vigil.Core.Data;

namespace Vigil.Migrations.Postgres;

/// <summary>Used only by <c>dotnet ef</c> to generate this provider's migrations (no server is contacted).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VigilDbContext>
{
    public VigilDbContext CreateDbContext(string[] args) =>
        VigilDatabase.Open(new DatabaseTarget(DatabaseProvider.Postgres, "Host=localhost;Database=vigil_design"));
}
