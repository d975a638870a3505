using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Load;

/// <summary>
/// One client of the mixed load: it sends its next request when the last is answered, chosen at random with these
/// weights: the consumers' side (npm bulk 18, OSV querybatch 12, advisory pages 10, the search page 5, package pages
/// 5, the program page 3, the Atom feed 3) and the program's (report intake 8, comments and internal notes on one busy
/// report by its reporter and three triagers 16, the team's moves 14: accepts, two triagers accepting the same report
/// at once, questions, rejections, publications).
/// </summary>
internal sealed class Mix(LoadWorld world, Recorder recorder, Random random)
{
    private int _n;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            switch (roll)
            {
                case < 18: await PostAsync("npm bulk", "/-/npm/v1/security/advisories/bulk", world.BulkBody); break;
                case < 30: await PostAsync("osv querybatch", "/v1/querybatch", world.BatchBody); break;
                case < 40: await GetAsync("advisory page", $"/advisories/{Pick(world.AdvisoryIds)}"); break;
                case < 45: await GetAsync("search page", $"/?q={Uri.EscapeDataString(Pick(world.Packages))}"); break;
                case < 50: await GetAsync("package page", $"/packages/npm/{Pick(world.Packages)}"); break;
                case < 53: await GetAsync("program page", "/programs/crash"); break;
                case < 56: await GetAsync("atom feed", "/feeds/atom.xml"); break;
                case < 64: await IntakeAsync(); break;
                case < 80: await CommentAsync(); break;
                case < 94: await MoveAsync(); break;
                default: await PublishAsync(); break;
            }
        }
    }

    private string Pick(List<string> from) => from[random.Next(from.Count)];

    private async Task GetAsync(string kind, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        await recorder.SendAsync(world.Http, kind, request, CancellationToken.None);
    }

    private async Task PostAsync(string kind, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        await recorder.SendAsync(world.Http, kind, request, CancellationToken.None);
    }

    private async Task IntakeAsync()
    {
        if (await world.SubmitAsync($"report {Environment.CurrentManagedThreadId}-{_n++}", recorder) is { } report)
        {
            world.Fresh.Enqueue(report);
        }
    }

    /// <summary>The busy report: the reporter comments, a triager comments or writes an internal note.</summary>
    private async Task CommentAsync()
    {
        var who = random.Next(4);
        var note = who > 0 && random.Next(2) == 0;
        var body = new JsonObject { ["text"] = $"Load comment {_n++} by participant {who}.", ["internal"] = note };
        var path = $"/api/reports/{world.Busy.Id}/comments";
        var content = Json(Encoding.UTF8.GetBytes(body.ToJsonString()));
        using var request = who == 0
            ? LoadWorld.Reporter(HttpMethod.Post, path, world.Busy.FollowUpToken, content)
            : world.Team(HttpMethod.Post, path, who - 1, content);
        await recorder.SendAsync(world.Http, note ? "internal note" : "comment", request, CancellationToken.None);
    }

    /// <summary>A triage move on a fresh report; one in four is two triagers accepting it at the same moment.</summary>
    private async Task MoveAsync()
    {
        if (!world.Fresh.TryDequeue(out var report))
        {
            await IntakeAsync();
            return;
        }
        var roll = random.Next(100);
        if (roll < 25)
        {
            using var first = world.Team(HttpMethod.Post, $"/api/reports/{report.Id}/accept", 0);
            using var second = world.Team(HttpMethod.Post, $"/api/reports/{report.Id}/accept", 1);
            var answers = await Task.WhenAll(
                recorder.SendAsync(world.Http, "racing accept", first, CancellationToken.None),
                recorder.SendAsync(world.Http, "racing accept", second, CancellationToken.None));
            recorder.Race(answers.Select(a => a.Status).ToArray());
            world.Accepted.Enqueue(report);
            return;
        }
        var triager = random.Next(3);
        var (kind, path, body) = roll switch
        {
            < 70 => ("accept", "accept", null),
            < 85 => ("ask for information", "needs-information",
                new JsonObject { ["question"] = "Which versions did you test?" }),
            _ => ("reject", "reject", new JsonObject { ["reason"] = "informative", ["note"] = "Not a vulnerability." }),
        };
        using var request = world.Team(HttpMethod.Post, $"/api/reports/{report.Id}/{path}", triager,
            body is null ? null : Json(Encoding.UTF8.GetBytes(body.ToJsonString())));
        var (status, _) = await recorder.SendAsync(world.Http, kind, request, CancellationToken.None);
        if (kind == "accept" && status is >= 200 and < 300)
        {
            world.Accepted.Enqueue(report);
        }
    }

    private async Task PublishAsync()
    {
        if (!world.Accepted.TryDequeue(out var report))
        {
            await MoveAsync();
            return;
        }
        using var request = world.Team(HttpMethod.Post, $"/api/reports/{report.Id}/publish", random.Next(3));
        await recorder.SendAsync(world.Http, "publish", request, CancellationToken.None);
    }

    private static ByteArrayContent Json(byte[] body) =>
        new(body) { Headers = { ContentType = new("application/json") } };
}
