using System.Net;
using Microsoft.AspNetCore.Hosting;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Instance;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;
using Vigil.Web.Tests.Operations;

namespace Vigil.Web.Tests.Instance;

/// <summary>An empty instance says what to do next, on its pages and in the server's first log lines; a set-up one says
/// nothing.</summary>
public class FirstStepsTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EmptyInstance_PagesAndFirstLogLines_ShowEveryStepWithItsCommand(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var logs = new LogSink();
        await using var app = new VigilFactory(database.Target).WithWebHostBuilder(
            b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var home = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/", Ct), Ct);
        Assert.Equal("0 advisories", home.QuerySelector("#result-count")!.TextContent.Trim());
        Assert.Equal(FirstSteps.Import.Command, home.QuerySelector("#first-step-import code")!.TextContent);
        Assert.Equal(FirstSteps.Admin.Command, home.QuerySelector("#first-step-admin code")!.TextContent);
        Assert.Equal(FirstSteps.Program.Command, home.QuerySelector("#first-step-program code")!.TextContent);
        // A search that finds nothing is not the empty instance's welcome.
        var search = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/?q=nothing", Ct), Ct);
        Assert.Null(search.QuerySelector("#first-steps"));

        using var reportForm = await client.GetAsync("/reports/new", Ct);
        Assert.Equal(HttpStatusCode.OK, reportForm.StatusCode);
        var report = await new HtmlParser().ParseDocumentAsync(await reportForm.Content.ReadAsStringAsync(Ct), Ct);
        Assert.NotNull(report.QuerySelector("#no-program"));
        Assert.Null(report.QuerySelector("#report-form"));
        Assert.Equal(FirstSteps.Program.Command, report.QuerySelector("#first-step-program code")!.TextContent);

        // The first Information lines after the database line are the steps, before the server takes requests.
        var lines = logs.Entries.Where(e => e.Level >= LogLevel.Information).Select(e => e.Text).ToList();
        var start = lines.FindIndex(l => l.StartsWith("Database: ", StringComparison.Ordinal));
        Assert.StartsWith("This instance is not set up yet", lines[start + 1]);
        Assert.Contains(FirstSteps.Import.Command, lines[start + 2]);
        Assert.Contains(FirstSteps.Admin.Command, lines[start + 3]);
        Assert.Contains(FirstSteps.Program.Command, lines[start + 4]);
    }

    [Fact]
    public async Task SetUpInstance_ShowsNoSteps()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await Advisories.SeedAsync(database.Target, Advisories.Examples());
        await using (var db = VigilDatabase.Open(database.Target))
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var logs = new LogSink();
        await using var app = new VigilFactory(database.Target).WithWebHostBuilder(
            b => b.ConfigureLogging(l => l.AddProvider(logs)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            Assert.True(
                (await users.CreateAsync(
                    new VigilUser
                    {
                        UserName = "admin@example.test",
                        Email = "admin@example.test",
                        IsInstanceAdmin = true
                    })).Succeeded);
        }
        using var client = app.CreateClient();

        var home = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/", Ct), Ct);
        Assert.Null(home.QuerySelector("#first-steps"));
        var report = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/reports/new", Ct), Ct);
        Assert.NotNull(report.QuerySelector("#report-form"));
        Assert.Null(report.QuerySelector("#first-steps"));
        // This server started before the administrator existed: it listed that step only.
        Assert.Single(logs.Entries, e => e.Text.StartsWith("Next step:", StringComparison.Ordinal));
    }
}
