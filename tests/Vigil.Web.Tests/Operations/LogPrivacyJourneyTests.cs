using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// A whole report's journey through the JSON API — anonymous submission with an attachment, comments from the
/// reporter, the team and the maintainer, triage, an e-mail invitation accepted by the maintainer, the fix and
/// publication — while every log entry (message, state values, scopes, exceptions) is kept. No private text,
/// address, file or token of the journey may appear in any of them: neither at the shipped log levels nor
/// with every category, ASP.NET Core's and EF Core's included, at Information.
/// </summary>
public class LogPrivacyJourneyTests
{
    private static CancellationToken Ct => WebTest.Ct;

    public static TheoryData<DatabaseProvider, bool> Cases()
    {
        var data = new TheoryData<DatabaseProvider, bool>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(provider, false);
            data.Add(provider, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Journey_EveryLogEntry_HoldsNoPrivateMarker(DatabaseProvider provider, bool informationEverywhere)
    {
        var m = "LOGLEAK" + Guid.NewGuid().ToString("N")[..10];
        var logs = new LogSink();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database.Target).WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            if (informationEverywhere)
            {
                // Every rule the app ships is dropped: Information for every category, EF Core's commands included.
                builder.ConfigureTestServices(services => services.Configure<LoggerFilterOptions>(options =>
                {
                    options.Rules.Clear();
                    options.MinLevel = LogLevel.Information;
                }));
            }
        });
        using var http = factory.CreateClient();
        var (triager, maintainer) = await SetUpAsync(factory.Services);

        // The reporter, anonymous, with an attachment whose name and content are private too.
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = "deep-merge", ["affectedVersions"] = "<=1.4.1" }),
            ["title"] = $"Title-{m}-T",
            ["description"] = $"Description-{m}-D",
            ["proofOfConcept"] = $"merge(poc-{m}-P)",
            ["reporterEmail"] = $"reporter-{m}-e@example.test",
            ["creditName"] = "Rae Porter",
        }.ToJsonString()), "report");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"content-{m}-C\n")), "file", $"name-{m}-N.txt");
        var submitted = await SendAsync(http, HttpMethod.Post, "/api/programs/npm-eco/reports", null, form);
        var id = submitted!["id"]!.GetValue<long>();
        var followUp = submitted["followUpToken"]!.GetValue<string>();
        await SendJsonAsync(http, HttpMethod.Post, $"/api/reports/{id}/comments", followUp,
            new JsonObject { ["text"] = $"reporter-comment-{m}-R" });

        // The team reads it all, notes, accepts and invites a maintainer by e-mail.
        var view = await SendAsync(http, HttpMethod.Get, $"/api/reports/{id}", triager);
        var attachment = view!["attachments"]![0]!["id"]!.GetValue<long>();
        await SendAsync(http, HttpMethod.Get, $"/api/reports/{id}/attachments/{attachment}", triager);
        await SendJsonAsync(http, HttpMethod.Post, $"/api/reports/{id}/comments", triager,
            new JsonObject { ["text"] = $"team-note-{m}-I", ["internal"] = true });
        // The team's workload names the report due for triage by its title; that reaches no log either.
        var workload = await SendAsync(http, HttpMethod.Get, "/api/programs/npm-eco/workload", triager);
        Assert.Contains($"Title-{m}-T", workload!.ToJsonString(), StringComparison.Ordinal);
        await SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/accept", triager);
        var invited = await SendJsonAsync(http, HttpMethod.Post, $"/api/reports/{id}/maintainers", triager,
            new JsonObject { ["email"] = $"maintainer-{m}-x@example.test" });
        var invitationUrl = invited!["invitationUrl"]!.GetValue<string>();
        var invitation = Uri.UnescapeDataString(
            invitationUrl[(invitationUrl.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

        // The maintainer opens the e-mailed link (a page), accepts the invitation, comments and fixes; the team
        // publishes.
        using (var page = await RawAsync(http, HttpMethod.Get,
            new Uri(invitationUrl).PathAndQuery + new Uri(invitationUrl).Fragment, maintainer))
        {
            Assert.Equal(200, (int)page.StatusCode);
        }
        await SendJsonAsync(http, HttpMethod.Post, $"/api/reports/{id}/invitation", maintainer,
            new JsonObject { ["token"] = invitation });
        await SendJsonAsync(http, HttpMethod.Post, $"/api/reports/{id}/comments", maintainer,
            new JsonObject { ["text"] = $"maintainer-comment-{m}-M" });
        await SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/fix-started", triager);
        await SendJsonAsync(http, HttpMethod.Post, $"/api/reports/{id}/fixed", triager,
            new JsonObject { ["fixedVersions"] = new JsonObject { ["deep-merge"] = "1.4.2" } });
        // A wrong token and an unknown report: the error paths log too.
        Assert.Equal(404,
            (int)(await RawAsync(http, HttpMethod.Post, $"/api/reports/{id}/invitation", maintainer,
                new JsonObject { ["token"] = invitation })).StatusCode);
        Assert.Equal(404,
            (int)(await RawAsync(http, HttpMethod.Get, $"/api/reports/{id}", "vfu_wrong" + m)).StatusCode);
        var beforePublication = logs.Entries.ToList();
        var published = await SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/publish", triager);
        await SendAsync(http, HttpMethod.Get, $"/v1/vulns/{published!["advisoryId"]!.GetValue<string>()}", null);
        await SendAsync(http, HttpMethod.Get, $"/api/reports/{id}", followUp);

        var secrets = new[]
        {
            $"Description-{m}", $"poc-{m}", $"name-{m}", $"content-{m}", $"reporter-{m}", $"reporter-comment-{m}",
            $"team-note-{m}",
            $"maintainer-{m}", $"maintainer-comment-{m}", followUp, invitation, triager, maintainer, "vfu_wrong" + m,
        };
        var entries = logs.Entries.ToList();
        // The shipped levels write one line per request (and scopes); Information everywhere writes many more.
        Assert.True(entries.Count > (informationEverywhere ? 50 : 30), $"only {entries.Count} log entries");
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        if (informationEverywhere)
        {
            Assert.Contains(entries, e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command");
        }
        else
        {
            Assert.DoesNotContain(entries,
                e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Level < LogLevel.Warning);
        }
        var leaks = entries.SelectMany(
            e =>
                secrets.Where(s => e.Text.Contains(s, StringComparison.Ordinal))
                    .Select(s => $"{e.Category} [{e.Level}] has {s}: {e.Text}"))
            .Concat(
                beforePublication.Where(e => e.Text.Contains($"Title-{m}", StringComparison.Ordinal))
                    .Select(e => $"{e.Category} [{e.Level}] has the title: {e.Text}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(20)));
    }

    private static async Task<(string Triager, string Maintainer)> SetUpAsync(IServiceProvider root)
    {
        using var scope = root.CreateScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<CreateProgram>()
            .ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        var tokens = new List<string>();
        foreach (var (email, member) in new[] { ("tri@example.test", true), ("dev@example.test", false) })
        {
            var user = new VigilUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                TwoFactorEnabled = true
            };
            Assert.True(
                (await services.GetRequiredService<UserManager<VigilUser>>()
                    .CreateAsync(user, "a long enough password")).Succeeded);
            if (member)
            {
                await services.GetRequiredService<AddProgramMember>()
                    .ExecuteAsync("npm-eco", user.Id, ProgramRole.Admin, Ct);
            }
            tokens.Add(
                (await services.GetRequiredService<ApiTokens>()
                    .CreateAsync(user.Id, "journey", [ApiScopes.ReportsRead, ApiScopes.ReportsWrite, ApiScopes.Admin],
                        null, Ct)).Secret);
        }
        return (tokens[0], tokens[1]);
    }

    private static Task<JsonNode?> SendJsonAsync(HttpClient http, HttpMethod method, string path, string? bearer,
        JsonObject body) =>
        SendAsync(http, method, path, bearer,
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<JsonNode?> SendAsync(HttpClient http, HttpMethod method, string path, string? bearer,
        HttpContent? content = null)
    {
        using var response = await RawAsync(http, method, path, bearer, content);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0
            || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true
                ? null : JsonNode.Parse(text);
    }

    private static Task<HttpResponseMessage> RawAsync(HttpClient http, HttpMethod method, string path, string? bearer,
        JsonObject body) =>
        RawAsync(http, method, path, bearer, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<HttpResponseMessage> RawAsync(HttpClient http, HttpMethod method, string path,
        string? bearer, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return await http.SendAsync(request, Ct);
    }
}
