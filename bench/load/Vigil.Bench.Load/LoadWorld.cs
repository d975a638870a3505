using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Bench.Crash;
using Vigil.Core.Data;

namespace Vigil.Bench.Load;

/// <summary>A report the load created: the target of the team's moves.</summary>
internal sealed record LoadReport(long Id, string FollowUpToken);

/// <summary>
/// What the clients share: the server, the triagers' tokens, the advisories and packages the database holds (for the
/// pages and the audit bodies), one busy report everyone comments on, and the reports awaiting the team's moves.
/// </summary>
internal sealed class LoadWorld
{
    private LoadWorld(Instance instance, HttpClient http)
    {
        Instance = instance;
        Http = http;
    }

    public Instance Instance { get; }

    public HttpClient Http { get; }

    public List<string> AdvisoryIds { get; } = [];

    public List<string> Packages { get; } = [];

    public byte[] BulkBody { get; private set; } = [];

    public int BulkPackages { get; private set; }

    public byte[] BatchBody { get; private set; } = [];

    public int BatchQueries { get; private set; }

    /// <summary>
    /// The report every participant comments on: the reporter (follow-up token) and the three triagers.
    /// </summary>
    public LoadReport Busy { get; private set; } = new(0, "");

    /// <summary>Reports submitted during the run, not yet moved by the team.</summary>
    public ConcurrentQueue<LoadReport> Fresh { get; } = new();

    /// <summary>Accepted reports, to publish.</summary>
    public ConcurrentQueue<LoadReport> Accepted { get; } = new();

    public static async Task<LoadWorld> CreateAsync(Instance instance, string url, string data)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(120),
        };
        var world = new LoadWorld(instance, http);
        await using (var db = VigilDatabase.Open(instance.Target))
        {
            foreach (var advisory in await db.Advisories.AsNoTracking().OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Document }).ToListAsync())
            {
                world.AdvisoryIds.Add(advisory.Id);
                foreach (var affected in JsonNode.Parse(advisory.Document)?["affected"]?.AsArray() ?? [])
                {
                    if ((string?)affected?["package"]?["ecosystem"] == "npm"
                        && (string?)affected["package"]?["name"] is { } name && !world.Packages.Contains(name))
                    {
                        world.Packages.Add(name);
                    }
                }
            }
        }
        if (world.Packages.Count == 0)
        {
            world.Packages.Add("left-pad");
        }
        // npm's bulk body: every package with two versions, as a lockfile's would be (up to 300 packages).
        var bulk = new JsonObject();
        foreach (var name in world.Packages.Take(300))
        {
            bulk[name] = new JsonArray("0.0.1", "1.0.0");
        }
        world.BulkBody = Encoding.UTF8.GetBytes(bulk.ToJsonString());
        world.BulkPackages = bulk.Count;
        // OSV querybatch: 100 package versions.
        var queries = new JsonArray();
        foreach (var name in world.Packages.Take(100))
        {
            queries.Add(new JsonObject
            {
                ["package"] = new JsonObject { ["ecosystem"] = "npm", ["name"] = name },
                ["version"] = "1.0.0",
            });
        }
        world.BatchBody = Encoding.UTF8.GetBytes(new JsonObject { ["queries"] = queries }.ToJsonString());
        world.BatchQueries = queries.Count;
        world.Busy = await world.SubmitAsync("the busy report") ?? throw new InvalidOperationException(
            "the busy report was not accepted by the server");
        using var accept = world.Team(HttpMethod.Post, $"/api/reports/{world.Busy.Id}/accept", 0);
        (await http.SendAsync(accept)).EnsureSuccessStatusCode();
        return world;
    }

    /// <summary>A request as triager <paramref name="triager"/> (0–2).</summary>
    public HttpRequestMessage Team(HttpMethod method, string path, int triager, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Instance.Triagers[triager]);
        return request;
    }

    public static HttpRequestMessage Reporter(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Anonymous intake with an attachment; the report, or null when it was not created.</summary>
    public async Task<LoadReport?> SubmitAsync(string title, Recorder? recorder = null)
    {
        using var request = IntakeRequest(title);
        var (status, body) = recorder is null
            ? await SendOnceAsync(request)
            : await recorder.SendAsync(Http, "report intake", request, CancellationToken.None);
        if (status != 201 || body is null)
        {
            return null;
        }
        var answer = JsonNode.Parse(body)!;
        return new LoadReport(answer["id"]!.GetValue<long>(), answer["followUpToken"]!.GetValue<string>());
    }

    private HttpRequestMessage IntakeRequest(string title)
    {
        var package = Packages[Random.Shared.Next(Packages.Count)];
        var report = new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = package, ["affectedVersions"] = "<=1.0.0" }),
            ["title"] = $"Load: {title}",
            ["description"] = $"Made up by the load run: {title}. " + new string('x', 400),
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(new string('p', 4_000)))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("text/plain") },
        };
        var form = new MultipartFormDataContent
        {
            { new StringContent(report.ToJsonString(), Encoding.UTF8), "report" },
            { file, "file", "poc.txt" },
        };
        return new HttpRequestMessage(HttpMethod.Post, $"/api/programs/{Instance.Program}/reports") { Content = form };
    }

    private async Task<(int, string?)> SendOnceAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
