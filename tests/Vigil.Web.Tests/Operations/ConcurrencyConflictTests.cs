using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// A save that loses an optimistic-concurrency race answers 409 with a problem document, on the API and the pages, on
/// both databases. The race is real: just before the request's save, another connection saves the same report (its
/// revision moves on), so the request's save meets a stale concurrency token in the database.
/// </summary>
public partial class ConcurrencyConflictTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApiComment_ReportSavedByAnotherRequestMeanwhile_Answers409(DatabaseProvider provider)
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
            Content = new StringContent("""{"text":"One more detail"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body["followUpToken"]!.GetValue<string>());
        using var response = await client.SendAsync(request, Ct);

        Assert.False(writer.Armed); // the other save did happen
        Assert.Equal(409, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Contains("saved first", (string?)problem["detail"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PageComment_ReportSavedByAnotherRequestMeanwhile_Answers409(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var writer = new ConcurrentWriter(test.Target);
        await using var factory = WithWriter(test, writer);
        var reporter = new AccountSession(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var (_, _, html) = await reporter.PostFormAsync("/reports/new", new Dictionary<string, string>
        {
            ["Program"] = "npm-eco", ["Ecosystem"] = "npm", ["PackageName"] = "deep-merge", ["AffectedVersions"] = "<=1.4.1",
            ["Title"] = "Prototype pollution", ["Description"] = "Details",
        });
        var id = ReportLink().Match(html).Groups[1].Value;
        writer.Armed = true;

        var (status, _, _) = await reporter.PostFormAsync($"/reports/{id}?handler=Comment", new Dictionary<string, string> { ["text"] = "One more detail" },
            formPage: $"/reports/{id}");

        Assert.False(writer.Armed);
        Assert.Equal(409, (int)status);
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
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        return test;
    }

    private static string ReportBody() => new JsonObject
    {
        ["packages"] = new JsonArray(new JsonObject { ["ecosystem"] = "npm", ["name"] = "deep-merge", ["affectedVersions"] = "<=1.4.1" }),
        ["title"] = "Prototype pollution",
        ["description"] = "Details",
    }.ToJsonString();

    /// <summary>Once armed, saves the report a request is about to save from another connection first (its revision moves on).</summary>
    private sealed class ConcurrentWriter(DatabaseTarget target) : SaveChangesInterceptor
    {
        public volatile bool Armed;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var report = eventData.Context?.ChangeTracker.Entries<ReportEntity>().FirstOrDefault(e => e.State == EntityState.Modified);
            if (Armed && report is not null)
            {
                Armed = false;
                await using var other = VigilDatabase.Open(target);
                await other.Reports.Where(r => r.Id == report.Entity.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.Revision, r => r.Revision + 1), cancellationToken);
            }
            return result;
        }
    }
}
