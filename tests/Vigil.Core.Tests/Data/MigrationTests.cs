using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Tests.Data;

public class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_FreshDatabase_StoresAndReadsAnAdvisory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateByMigratingAsync(provider);
        var modified = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234560);
        await using (var context = database.Open())
        {
            context.Advisories.Add(new AdvisoryEntity
            {
                Id = "TEST-1",
                Modified = modified,
                Source = "test",
                Document = "{}",
                Aliases = [new AdvisoryAliasEntity { Alias = "CVE-2024-0001" }],
                Affected = [
                    new AffectedPackageEntity { Index = 0, Ecosystem = "npm", Name = "left-pad", NpmRange = "<1.0.0",
                        AffectedJson = "{}" }],
            });
            await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var context = database.Open())
        {
            var advisory = await context.Advisories.Include(a => a.Aliases).Include(a => a.Affected)
                .SingleAsync(a => a.Modified >= modified, TestContext.Current.CancellationToken);
            Assert.Equal("TEST-1", advisory.Id);
            Assert.Equal(modified, advisory.Modified);
            Assert.Equal("CVE-2024-0001", Assert.Single(advisory.Aliases).Alias);
            Assert.Equal("<1.0.0", Assert.Single(advisory.Affected).NpmRange);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_Model_HasNoPendingChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateByMigratingAsync(provider);
        await using var context = database.Open();
        Assert.False(context.Database.HasPendingModelChanges(),
            "The model changed without a migration for " + provider);
    }
}
