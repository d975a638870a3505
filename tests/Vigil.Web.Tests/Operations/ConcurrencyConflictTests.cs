using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// A change to a report that loses an optimistic-concurrency race answers 409 naming the report's state now, on the
/// pages as on the API, on both databases; a comment (an append) is saved whatever happened to the report meanwhile.
/// The race is real: just before the request's save, another connection saves the same report (its revision moves on,
/// and its state when the test says so), so the request's save meets a stale concurrency token in the database.
/// </summary>
public partial class ConcurrencyConflictTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApiComment_ReportSavedByAnotherRequestMeanwhile_Saved(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var writer = new ConcurrentWriter(test.Target);
        await using var factory = WithWriter(test, writer);
        using var client = factory.CreateClient();
        using var submit = new StringContent(ReportBody(), System.Text.Encoding.UTF8, "application/json");
        using var submitted = await client.PostAsync("/api/programs/npm-eco/reports", submit, Ct);
        var body = JsonNode.Parse(await submitted.Content.ReadAsStringAsync(Ct))!;
        writer.Armed = true;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{body["id"]}/comments")
        {
            Content = new StringContent("""{"text":"One more detail"}""", System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            body["followUpToken"]!.GetValue<string>());
        using var response = await client.SendAsync(request, Ct);

        Assert.False(writer.Armed); // the other save did happen
        Assert.Equal(201, (int)response.StatusCode);
        await using var db = test.OpenDatabase();
        var report = await db.Reports.SingleAsync(r => r.Id == body["id"]!.GetValue<long>(), Ct);
        Assert.Equal(1, report.Revision); // the other request's change; the comment left the report row alone
        Assert.Equal(1,
            await db.ReportEvents.CountAsync(e => e.ReportId == report.Id && e.Kind == ReportEventKind.Comment, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PageAccept_ReportMovedByAnotherRequestMeanwhile_409NamingTheState(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var writer = new ConcurrentWriter(test.Target) { MoveTo = ReportState.Rejected };
        await using var factory = WithWriter(test, writer);
        var reporter = new AccountSession(
            factory.CreateClient(
                new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var (_, _, html) = await reporter.PostFormAsync("/reports/new", new Dictionary<string, string>
        {
            ["Program"] = "npm-eco",
            ["Ecosystem"] = "npm",
            ["PackageName"] = "deep-merge",
            ["AffectedVersions"] = "<=1.4.1",
            ["Title"] = "Prototype pollution",
            ["Description"] = "Details",
        });
        var id = ReportLink().Match(html).Groups[1].Value;
        var triager = await TriagerAsync(factory);
        writer.Armed = true;

        var (status, _, page) = await triager.PostFormAsync($"/reports/{id}?handler=Accept",
            new Dictionary<string, string>(), formPage: $"/reports/{id}");

        Assert.False(writer.Armed);
        Assert.Equal(409, (int)status);
        Assert.Contains("it is now rejected", page, StringComparison.Ordinal);
        await using var db = test.OpenDatabase();
        Assert.Equal(ReportState.Rejected, (await db.Reports.SingleAsync(r => r.Id == long.Parse(id), Ct)).State);
    }

    private static async Task<AccountSession> TriagerAsync(WebApplicationFactory<Program> factory)
    {
        var session = AccountSession.For(factory);
        await session.RegisterAsync("tri@example.test", "correct horse battery staple");
        await session.EnableTwoFactorAsync();
        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>()
            .FindByEmailAsync("tri@example.test");
        await scope.ServiceProvider.GetRequiredService<AddProgramMember>()
            .ExecuteAsync("npm-eco", user!.Id, ProgramRole.Triager, Ct);
        return session;
    }

    [GeneratedRegex("id=\"report-link\" href=\"/reports/([0-9]+)\"")]
    private static partial Regex ReportLink();

    private static WebApplicationFactory<Program> WithWriter(WebTest test, ConcurrentWriter writer) =>
        test.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<VigilDbContext>(options => options.AddInterceptors(writer))));

    private static async Task<WebTest> StartAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        await using var db = test.OpenDatabase();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        return test;
    }

    private static string ReportBody() => new JsonObject
    {
        ["packages"] = new JsonArray(
            new JsonObject { ["ecosystem"] = "npm", ["name"] = "deep-merge", ["affectedVersions"] = "<=1.4.1" }),
        ["title"] = "Prototype pollution",
        ["description"] = "Details",
    }.ToJsonString();

    /// <summary>
    /// Once armed, saves the report a request is about to write to (a change of the report or a timeline entry) from
    /// another connection first: its revision moves on, and its state becomes <see cref="MoveTo"/> when set.
    /// </summary>
    private sealed class ConcurrentWriter(DatabaseTarget target) : SaveChangesInterceptor
    {
        public volatile bool Armed;

        public ReportState? MoveTo { get; init; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var tracker = eventData.Context?.ChangeTracker;
            var reportId = tracker?.Entries<ReportEntity>().Where(e => e.State == EntityState.Modified)
                .Select(e => (long?)e.Entity.Id).FirstOrDefault()
                ?? tracker?.Entries<ReportEventEntity>().Where(e => e.State == EntityState.Added)
                    .Select(e => (long?)e.Entity.ReportId).FirstOrDefault();
            if (Armed && reportId is { } id)
            {
                Armed = false;
                await using var other = VigilDatabase.Open(target);
                var report = await other.Reports.SingleAsync(r => r.Id == id, cancellationToken);
                report.Revision++;
                report.State = MoveTo ?? report.State;
                await other.SaveChangesAsync(cancellationToken);
            }
            return result;
        }
    }
}
