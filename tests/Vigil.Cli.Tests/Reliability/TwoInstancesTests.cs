using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Bench.Crash;
using Vigil.Cli.Tests.Infrastructure;
using Vigil.Core.Advisories;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Cli.Tests.Reliability;

/// <summary>
/// Two <c>vigil serve</c> processes on one PostgreSQL database (docs/reliability.md "Two instances on one database"),
/// each with its clock running every second and the matching index at its default refresh (2 s). Writers on both
/// submit, comment, upload, accept and publish at once (the crash harness's workload); then publication deadlines
/// pass for the accepted reports while both clocks run and triagers publish the same reports by hand on both
/// instances. Checked: every acknowledged write is stored, each deadline action is taken once and is on the
/// timeline once, every published report has one advisory whose id no other report has, and each instance's OSV
/// and npm answers carry the other's publications once the documented refresh interval has passed.
/// </summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    /// <summary>The documented default of <c>Vigil:IndexRefreshSeconds</c> (docs/configuration.md).</summary>
    private static readonly TimeSpan IndexRefresh = TimeSpan.FromSeconds(2);

    /// <summary>A start on a loaded machine can take minutes (the first start also migrates the database).</summary>
    private const double StartSeconds = 600;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoServersOnOnePostgres_DeadlinesOnce_IdsUnique_EachSeesTheOthersPublications()
    {
        TestDatabase.PostgresAdminConnectionString();
        using var work = new TempDirectory();
        var instance = await Instance.CreateAsync("postgres", work.Path, $"two{Environment.ProcessId % 100_000}");
        await using var log = new StreamWriter(Path.Combine(work.Path, "servers.log")) { AutoFlush = true };
        VigilServer? a = null, b = null;
        try
        {
            var environment = instance.Environment(clockSeconds: 1);
            environment.Remove("Vigil__IndexRefreshSeconds");
            a = await VigilServer.StartAsync(
                HarnessServers.Vigil, instance.Database, HarnessServers.FreePort(), environment, log, StartSeconds);
            await instance.SetUpAsync();
            b = await VigilServer.StartAsync(
                HarnessServers.Vigil, instance.Database, HarnessServers.FreePort(), environment, log, StartSeconds);

            // Both instances written to at once: cycle 1 is A's writers, cycle 2 is B's (the markers differ).
            var journal = new Journal(Path.Combine(work.Path, "journal.jsonl"));
            var known = new List<KnownReport>();
            var stats = new Stats();
            using (var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            {
                // Until each instance has published three reports (at least 10 s; at most 3 minutes).
                var writers = Task.WhenAll(
                    new Workload(instance, journal, known, false, stats).RunAsync(a.Url, 1, 4, 1207, stop.Token),
                    new Workload(instance, journal, known, false, stats).RunAsync(b.Url, 2, 4, 1207, stop.Token));
                await Task.Delay(TimeSpan.FromSeconds(10), Ct);
                while (!stop.IsCancellationRequested && !new[] { 1, 2 }.All(cycle =>
                    journal.Snapshot().Count(w => w.Kind == WriteKind.Publish && w.Cycle == cycle) >= 3))
                {
                    await Task.Delay(200, Ct);
                }
                await stop.CancelAsync();
                await writers;
            }
            Assert.True(stats.ServerErrors == 0, string.Join("\n", stats.Notes));
            Assert.Contains(journal.Snapshot(), w => w.Kind == WriteKind.Publish && w.Cycle == 1);
            Assert.Contains(journal.Snapshot(), w => w.Kind == WriteKind.Publish && w.Cycle == 2);

            var (racing, byHand) = await PassPublicationDeadlinesAsync(instance, a.Url, b.Url);
            await WaitUntilPublishedAsync(instance, racing);

            // The writes, the invariants (each deadline action once and on the timeline once; published means one
            // publication entry and an advisory of its own) and each instance's answers for the other's writes.
            var forA = await new Verifier(instance).CheckAsync(journal.Snapshot(), 1, b.Url, new Random(1));
            var forB = await new Verifier(instance).CheckAsync(journal.Snapshot(), 2, a.Url, new Random(2));
            foreach (var result in new[] { forA, forB })
            {
                Assert.True(result.Lost.Count == 0, string.Join("\n", result.Lost.Values.Take(10)));
                Assert.True(result.Violations.Count == 0, string.Join("\n", result.Violations.Take(10)));
            }

            await using var db = VigilDatabase.Open(instance.Target);
            var actions = await db.DeadlineActions.AsNoTracking().ToListAsync(Ct);
            // Each report past its deadline was published once: by a clock (its action taken once) or by hand.
            var byClock = actions.Where(x => x.Action == DeadlineAction.PublishAtDeadline).ToList();
            Assert.Equal(byClock.Count, byClock.Select(x => x.ReportId).Distinct().Count());
            Assert.Empty(byClock.Select(x => x.ReportId).Intersect(byHand));
            Assert.Equal(racing.Order(), byClock.Select(x => x.ReportId).Concat(byHand).Order());
            Assert.Contains(actions, x => x.Action == DeadlineAction.TriageReminder);
            var published = await db.Reports.AsNoTracking().Where(r => r.AdvisoryId != null)
                .Select(r => r.AdvisoryId!).ToListAsync(Ct);
            var advisories = await db.Advisories.AsNoTracking().Where(x => x.Origin == AdvisoryOrigin.Program)
                .Select(x => x.Id).ToListAsync(Ct);
            Assert.Equal(published.Count, published.Distinct().Count());
            Assert.Equal(published.Order(), advisories.Order());
            var answered = journal.Snapshot().Where(w => w.Kind == WriteKind.Publish)
                .Select(w => w.AdvisoryId!).ToList();
            Assert.Equal(answered.Count, answered.Distinct().Count());
            Assert.Subset(published.ToHashSet(), answered.ToHashSet());

            // Once the refresh interval has passed since the last publication, one request to either instance
            // answers for every advisory, whichever instance (or clock) published it.
            await Task.Delay(IndexRefresh, Ct);
            var packages = await PackagesAsync(db, advisories);
            foreach (var server in new[] { a, b })
            {
                await AssertAnswersAllAsync(server.Url, packages);
            }

            // A publication on one instance, and the other's next request once the interval has passed.
            foreach (var (from, to) in new[] { (a, b), (b, a) })
            {
                var (id, package, seenAfter) = await PublishAndWatchAsync(instance, from.Url, to.Url);
                output.WriteLine($"{id} published on {from.Url}: /v1/query on {to.Url} matched it "
                    + $"{seenAfter.TotalSeconds:F2} s after");
                await Task.Delay(IndexRefresh, Ct);
                await AssertAnswersAllAsync(to.Url, new Dictionary<string, string> { [id] = package });
            }
        }
        finally
        {
            foreach (var server in new[] { a, b })
            {
                if (server is not null)
                {
                    await server.KillAsync();
                }
            }
            await instance.DropAsync();
        }
    }

    /// <summary>
    /// The accepted, unpublished reports reach their publication deadline (it is moved into the past, as time would);
    /// both clocks then publish them, while a triager on each instance publishes the same reports by hand.
    /// </summary>
    private static async Task<(List<long> Racing, List<long> ByHand)> PassPublicationDeadlinesAsync(
        Instance instance, string a, string b)
    {
        await using var db = VigilDatabase.Open(instance.Target);
        using var http = new HttpClient();
        // Up to eight new reports accepted too, alternately on each instance, so that there are some to race for.
        var fresh = await db.Reports.Where(r => r.State == ReportState.New).OrderBy(r => r.Id).Select(r => r.Id)
            .Take(8).ToListAsync(Ct);
        for (var i = 0; i < fresh.Count; i++)
        {
            Assert.True(await PostAsync(http, instance, $"{(i % 2 == 0 ? a : b)}/api/reports/{fresh[i]}/accept"));
        }
        var accepted = await db.Reports.Where(r => r.State == ReportState.Accepted).Select(r => r.Id).ToListAsync(Ct);
        Assert.NotEmpty(accepted);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await db.Reports.Where(r => accepted.Contains(r.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.PublicationDueAt, past), Ct);
        var publications = accepted.Take(6).SelectMany(id => new[] { a, b }.Select(async url =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/reports/{id}/publish");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", instance.Triagers[1]);
            using var response = await http.SendAsync(request, Ct);
            return (Id: id, Status: (int)response.StatusCode);
        }));
        // Each by hand: published (2xx) or refused because the other instance or a clock came first (409).
        var answers = await Task.WhenAll(publications);
        Assert.All(answers, x => Assert.True(x.Status is >= 200 and < 300 or 409, $"#{x.Id}: {x.Status}"));
        var byHand = answers.Where(x => x.Status is >= 200 and < 300).Select(x => x.Id).ToList();
        Assert.Equal(byHand.Count, byHand.Distinct().Count());
        return (accepted, byHand);
    }

    private static async Task WaitUntilPublishedAsync(Instance instance, List<long> reports)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var db = VigilDatabase.Open(instance.Target);
            var open = await db.Reports.CountAsync(r => reports.Contains(r.Id) && r.State != ReportState.Published, Ct);
            if (open == 0)
            {
                return;
            }
            Assert.True(
                waited.Elapsed < TimeSpan.FromMinutes(3), $"{open} reports past their deadline are not published");
            await Task.Delay(250, Ct);
        }
    }

    /// <summary>Each advisory's package (the first affected one).</summary>
    private static async Task<Dictionary<string, string>> PackagesAsync(VigilDbContext db, List<string> ids)
    {
        var documents = await db.Advisories.AsNoTracking().Where(x => ids.Contains(x.Id))
            .Select(x => new { x.Id, x.Document }).ToListAsync(Ct);
        return documents.ToDictionary(
            d => d.Id, d => JsonNode.Parse(d.Document)!["affected"]![0]!["package"]!["name"]!.GetValue<string>());
    }

    /// <summary>
    /// One OSV querybatch and one npm bulk request for all the packages: every advisory is in both answers.
    /// </summary>
    private static async Task AssertAnswersAllAsync(string url, Dictionary<string, string> packages)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var entries = packages.ToList();
        var queries = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
        {
            ["package"] = new JsonObject { ["ecosystem"] = "npm", ["name"] = e.Value },
            ["version"] = "0.0.1",
        })]);
        using var batch = await http.PostAsync("/v1/querybatch",
            Json(new JsonObject { ["queries"] = queries }), Ct);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var results = JsonNode.Parse(await batch.Content.ReadAsStringAsync(Ct))!["results"]!.AsArray();
        var bulkBody = new JsonObject();
        foreach (var (_, package) in entries)
        {
            bulkBody[package] = new JsonArray("0.0.1");
        }
        using var bulk = await http.PostAsync("/-/npm/v1/security/advisories/bulk", Json(bulkBody), Ct);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var npm = JsonNode.Parse(await bulk.Content.ReadAsStringAsync(Ct))!;
        for (var i = 0; i < entries.Count; i++)
        {
            var (id, package) = entries[i];
            var vulns = results[i]!["vulns"]?.AsArray().Select(v => (string)v!["id"]!).ToList() ?? [];
            Assert.True(vulns.Contains(id), $"{url}: querybatch on npm/{package} does not return {id}");
            var advised = npm[package]?.ToJsonString() ?? "";
            Assert.True(
                advised.Contains(id, StringComparison.Ordinal), $"{url}: npm bulk on {package} does not name {id}");
        }
    }

    /// <summary>
    /// A report submitted, accepted and published on one instance; how long until the other matched it.
    /// </summary>
    private static async Task<(string Id, string Package, TimeSpan SeenAfter)> PublishAndWatchAsync(
        Instance instance, string from, string to)
    {
        using var http = new HttpClient();
        var package = $"two-instances-{Guid.NewGuid():N}"[..30];
        var report = new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = package, ["affectedVersions"] = "<=1.0.0" }),
            ["title"] = $"Two instances {package}",
            ["description"] = "Published on one instance, matched on the other.",
        };
        using var form = new MultipartFormDataContent { { new StringContent(report.ToJsonString()), "report" } };
        using var submitted = await http.PostAsync($"{from}/api/programs/{Instance.Program}/reports", form, Ct);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var reportId = JsonNode.Parse(await submitted.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<long>();
        Assert.True(await PostAsync(http, instance, $"{from}/api/reports/{reportId}/accept"));
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"{from}/api/reports/{reportId}/publish");
        publish.Headers.Authorization = new AuthenticationHeaderValue("Bearer", instance.Triagers[0]);
        using var published = await http.SendAsync(publish, Ct);
        Assert.True(published.IsSuccessStatusCode, published.StatusCode.ToString());
        var id = (string)JsonNode.Parse(await published.Content.ReadAsStringAsync(Ct))!["advisoryId"]!;
        var since = Stopwatch.StartNew();
        var query = new JsonObject
        {
            ["package"] = new JsonObject { ["ecosystem"] = "npm", ["name"] = package },
            ["version"] = "0.0.1",
        };
        while (true)
        {
            var sent = since.Elapsed;
            using var answer = await http.PostAsync($"{to}/v1/query", Json(query), Ct);
            if ((await answer.Content.ReadAsStringAsync(Ct)).Contains($"\"{id}\"", StringComparison.Ordinal))
            {
                return (id, package, sent);
            }
            Assert.True(since.Elapsed < TimeSpan.FromMinutes(1), $"{to} did not match {id} within a minute");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<bool> PostAsync(HttpClient http, Instance instance, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", instance.Triagers[0]);
        using var response = await http.SendAsync(request, Ct);
        return response.IsSuccessStatusCode;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
