using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Vigil.Core.Data;
using Vigil.Core.Programs;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// ScopeMaintainersToPrograms: records made before maintainers belonged to a program become a record of every
/// program whose scope covers the package; a record no program covers stays an instance-wide link.
/// </summary>
public class MaintainerMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_GlobalRecords_CopiedToEveryProgramWhoseScopeCoversThem(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var user = Guid.NewGuid();
        long npm, core;
        await using (var db = database.Open())
        {
            var clock = TimeProvider.System;
            npm = (await new CreateProgram(db, clock).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct)).Id;
            core = (await new CreateProgram(db, clock).ExecuteAsync("core", "runtime core", "CORE",
                new ProgramSettings(ScopePackages: ["npm/node"]), Ct)).Id;
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(
                migrations[migrations.FindIndex(
                    m => m.EndsWith("_ScopeMaintainersToPrograms", StringComparison.Ordinal)) - 1],
                Ct);
            var guid = provider == DatabaseProvider.Sqlite ? user.ToString().ToUpperInvariant() : user.ToString();
            // The old schema has no ProgramId, so the old rows are written as SQL (a fixed test value, nothing from
            // outside).
            var insert = $"""
                INSERT INTO package_maintainers ("Ecosystem", "Name", "UserId", "Email", "AddedAt") VALUES
                ('npm', 'deep-merge', '{guid}', NULL, '2026-11-25 09:00:00+00:00'),
                ('npm', 'node', NULL, 'node@example.test', '2026-11-25 09:00:00+00:00'),
                ('NuGet', 'Newtonsoft.Json', '{guid}', NULL, '2026-11-25 09:00:00+00:00');
                """;
            await db.Database.ExecuteSqlRawAsync(insert, Ct);
            await migrator.MigrateAsync(cancellationToken: Ct);
        }

        await using var read = database.Open();
        var rows = (await read.PackageMaintainers.AsNoTracking().ToListAsync(Ct))
            .Select(m => (m.ProgramId, $"{m.Ecosystem}/{m.Name}", m.UserId, m.Email))
            .OrderBy(r => r.ProgramId is null ? 0 : r.ProgramId == npm ? 1 : 2)
            .ThenBy(r => r.Item2, StringComparer.Ordinal).ToList();
        var expected = new List<(long?, string, Guid?, string?)>
        {
            (null, "NuGet/Newtonsoft.Json", user, null),
            (npm, "npm/deep-merge", user, null),
            (npm, "npm/node", null, "node@example.test"),
            (core, "npm/node", null, "node@example.test"),
        };
        Assert.Equal(expected, rows);
    }
}
