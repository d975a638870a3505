using System.Data.Common;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// Two requests that both pass a use case's "does it exist yet?" check before either inserts: the second insert meets
/// the unique index and answers 409 with a problem document, never 500, and only one row exists. The interleaving is
/// forced: when the first request has read its check, it waits while the second request runs from start to end; then
/// it goes on with what it read. On both databases.
/// </summary>
public sealed class UniqueRaceTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InviteSameAddress_TwoRequestsPassTheCheck_OneInvitationAndA409(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        await world.NotifyMaintainersAsync(report.Id);
        var token = await world.RunAsync(s => TokenAsync(s, world.Id(Role.Triager), ApiScopes.ReportsWrite));
        var path = $"/api/reports/{report.Id}/maintainers";
        const string body = """{"email":"twice@example.test"}""";

        var (first, second) = await RaceAsync(world.Test.Factory, "report_participants", "Email", token, path, body);

        Assert.Equal(201, second.Status); // the request that ran in between
        Assert.Equal(409, first.Status);
        Assert.Equal("application/problem+json", first.ContentType);
        Assert.Contains("saved first", (string?)JsonNode.Parse(first.Body)!["detail"], StringComparison.Ordinal);
        await using var db = world.Test.OpenDatabase();
        Assert.Equal(1,
            await db.ReportParticipants.CountAsync(p => p.ReportId == report.Id && p.Email == "twice@example.test",
                Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateSameProgramSlug_TwoRequestsPassTheCheck_OneProgramAndA409(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var token = await world.RunAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<VigilUser>>();
            var admin = new VigilUser
            {
                UserName = "chief@example.test",
                Email = "chief@example.test",
                EmailConfirmed = true,
                TwoFactorEnabled = true,
                IsInstanceAdmin = true
            };
            Assert.True((await users.CreateAsync(admin, "a long enough password")).Succeeded);
            return await TokenAsync(s, admin.Id, ApiScopes.Admin);
        });
        const string body = """{"slug":"twin","name":"Twin","advisoryIdPrefix":"TWIN","scopeEcosystems":["npm"]}""";

        var (first, second) = await RaceAsync(world.Test.Factory, "programs", "Slug", token, "/api/programs", body);

        Assert.Equal(201, second.Status);
        Assert.Equal(409, first.Status);
        Assert.Equal("application/problem+json", first.ContentType);
        await using var db = world.Test.OpenDatabase();
        Assert.Equal(1, await db.Programs.CountAsync(p => p.Slug == "twin", Ct));
    }

    private static async Task<string> TokenAsync(IServiceProvider services, Guid user, string scope) =>
        (await new ApiTokens(services.GetRequiredService<VigilDbContext>(), TimeProvider.System).CreateAsync(user,
            "race", [scope], null, Ct)).Secret;

    private sealed record Answer(int Status, string? ContentType, string Body);

    /// <summary>Sends the request; when it has read its check (a query of <paramref name="table"/> filtering on
    /// <paramref name="column"/>), sends it again, whole, before the first goes on.</summary>
    private static async Task<(Answer First, Answer Second)> RaceAsync(
        WebApplicationFactory<Program> app, string table, string column, string token, string path, string body)
    {
        Answer? second = null;
        var pause = new PauseAfterCheck(table, column);
        await using var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<VigilDbContext>(options => options.AddInterceptors(pause))));
        using var client = factory.CreateClient();
        pause.Meanwhile = async () => second = await SendAsync(client, token, path, body);
        var first = await SendAsync(client, token, path, body);
        Assert.True(pause.Happened, "the first request never read its check");
        return (first, second!);
    }

    private static async Task<Answer> SendAsync(HttpClient client, string token, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json")
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, Ct);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>After the first SELECT on the table that filters on the column has run, runs <see cref="Meanwhile"/>
    /// once.</summary>
    private sealed class PauseAfterCheck(string table, string column) : DbCommandInterceptor
    {
        private int _armed = 1;
        public Func<Task>? Meanwhile { get; set; }
        public bool Happened { get; private set; }

        // SQLite's SQL quotes every table name; PostgreSQL's only where needed (FROM programs AS p). The check may
        // compare the column as it is or through lower(…), as the invitation's case-insensitive address check does.
        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            var text = command.CommandText;
            if (text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && System.Text.RegularExpressions.Regex.IsMatch(text, $"FROM \"?{table}\"?\\s")
                && (text.Contains($"\"{column}\" = ", StringComparison.Ordinal)
                    || text.Contains($"\"{column}\") = ", StringComparison.Ordinal))
                && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                // The check has run and seen nothing; the other request now checks, inserts and commits (a read
                // holds no lock that stops it on either database: PostgreSQL's MVCC, SQLite's write-ahead log).
                Happened = true;
                await Meanwhile!();
            }
            return result;
        }
    }
}
