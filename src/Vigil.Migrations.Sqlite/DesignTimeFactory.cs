using Microsoft.EntityFrameworkCore.Design;
using Vigil.Core.Data;

namespace Vigil.Migrations.Sqlite;

/// <summary>Used only by <c>dotnet ef</c> to generate this provider's migrations.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VigilDbContext>
{
    public VigilDbContext CreateDbContext(string[] args) =>
        VigilDatabase.Open(new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
