using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Tests.Advisories;

/// <summary>
/// SQLite's planner, not a stopwatch: the full-text match must run once per search. Flattened into the
/// search's LEFT JOIN, SQLite runs the MATCH once per advisory (a search took 150-300 ms on 638 advisories);
/// materialized, it runs once. The flattening rule is structural, so a few rows show it as well as many.
/// </summary>
public partial class SearchAdvisoriesTests
{
    [Theory]
    [InlineData("pollution", AdvisorySort.Relevance)]
    [InlineData("\"regular expression\" denial", AdvisorySort.Newest)]
    [InlineData("CVE-2099-0001", AdvisorySort.Oldest)]
    public async Task Execute_TextOnSqlite_RunsTheFullTextMatchOnce(string text, AdvisorySort sort)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await StoreThree(database);
        var commands = new CapturedCommands();
        await using var db = new VigilDbContext((DbContextOptions<VigilDbContext>)VigilDatabase
            .Configure(new DbContextOptionsBuilder<VigilDbContext>(), database.Target)
            .AddInterceptors(commands).Options);

        var result = await new SearchAdvisories(db).ExecuteAsync(new AdvisorySearch(text, Sort: sort), Ct);

        Assert.NotEqual(0, result.Total);
        var searches = commands.Captured
            .Where(c => c.Sql.Contains("advisory_search", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, searches.Count); // the count and the page
        foreach (var (sql, parameters) in searches)
        {
            var plan = await Plan(database, sql, parameters);
            var match = Assert.Single(plan, row => row.Detail.Contains("advisory_search", StringComparison.Ordinal));
            var parent = plan.SingleOrDefault(row => row.Id == match.Parent);
            Assert.True(parent?.Detail.StartsWith("MATERIALIZE", StringComparison.Ordinal) == true
                    || parent?.Detail.StartsWith("CO-ROUTINE", StringComparison.Ordinal) == true,
                $"the full-text match runs per row:\n{string.Join('\n', plan.Select(r => r.Detail))}\n{sql}");
        }
    }

    private sealed record PlanRow(long Id, long Parent, string Detail);

    private static async Task<List<PlanRow>> Plan(
        TestDatabase database, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        await using var connection = new SqliteConnection(database.Target.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var rows = new List<PlanRow>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(new PlanRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3)));
        }
        return rows;
    }

    private sealed class CapturedCommands : DbCommandInterceptor
    {
        public List<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)> Captured { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Captured.Add((command.CommandText, command.Parameters.Cast<DbParameter>()
                .Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }
}
