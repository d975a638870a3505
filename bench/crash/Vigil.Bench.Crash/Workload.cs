using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Crash;

/// <summary>A report the harness knows the server created (its answer was read): the target of later writes.</summary>
internal sealed class KnownReport(long id, string title, string followUpToken)
{
    public long Id { get; } = id;
    public string Title { get; } = title;
    public string FollowUpToken { get; } = followUpToken;
    public bool Accepted { get; set; }
    public bool Published { get; set; }
}

/// <summary>
/// Concurrent writers over HTTP, as participants of the program would write: anonymous intake with an attachment,
/// the reporter's comments, the team's internal notes and uploads, accepts and publications. Each write is journaled
/// when its 2xx answer has been read in full — or, in the early-ack control, when it is sent.
/// </summary>
internal sealed class Workload(Instance instance, Journal journal, List<KnownReport> known, bool earlyAck, Stats stats)
{
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the server has answered a request of the current cycle: it is serving.</summary>
    public Task Answered => _answered.Task;

    public async Task RunAsync(string url, int cycle, int writers, int seed, CancellationToken stop)
    {
        _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        await Task.WhenAll(Enumerable.Range(0, writers)
            .Select(w => WriterAsync(http, cycle, w, new Random(Seeds.Writer(seed, cycle, w)), stop)));
    }

    private async Task WriterAsync(HttpClient http, int cycle, int writer, Random random, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var marker = $"c{cycle}w{writer}n{n}";
            try
            {
                var roll = random.Next(100);
                switch (roll)
                {
                    case < 25: await IntakeAsync(http, cycle, marker, random, stop); break;
                    case < 45: await CommentAsync(http, cycle, marker, random, stop, note: false); break;
                    case < 60: await CommentAsync(http, cycle, marker, random, stop, note: true); break;
                    case < 72: await AttachAsync(http, cycle, marker, random, stop); break;
                    case < 88: await AcceptAsync(http, cycle, marker, random, stop); break;
                    default: await PublishAsync(http, cycle, marker, random, stop); break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The server is gone (killed): this write was not acknowledged; nor will the next be.
                Interlocked.Increment(ref stats.Unanswered);
                if (stop.IsCancellationRequested)
                {
                    return;
                }
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private async Task IntakeAsync(HttpClient http, int cycle, string marker, Random random, CancellationToken stop)
    {
        var title = $"Crash report {marker}";
        var description = $"Description of {marker}: {RandomText(random, 200)}";
        var package = $"crash-{marker}";
        var attachment = RandomText(random, random.Next(1_000, 20_000));
        var name = $"poc-{marker}.txt";
        var sha = Sha(attachment);
        var body = new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = package, ["affectedVersions"] = "<=1.0.0" }),
            ["title"] = title,
            ["description"] = description,
        };
        using var form = new MultipartFormDataContent
        {
            { new StringContent(body.ToJsonString(), Encoding.UTF8), "report" },
            { Text(attachment), "file", name },
        };
        var ack = new Ack(WriteKind.Report, cycle, title, Text: description, Sha256: sha, FileName: name);
        if (earlyAck)
        {
            journal.Record(ack);
        }
        var (status, answer) = await SendAsync(
            http, HttpMethod.Post, $"/api/programs/{Instance.Program}/reports", null, form, stop);
        if (status == 201)
        {
            var id = answer!["id"]!.GetValue<long>();
            if (!earlyAck)
            {
                journal.Record(ack with { ReportId = id });
            }
            lock (known)
            {
                known.Add(new KnownReport(id, title, answer["followUpToken"]!.GetValue<string>()));
            }
        }
    }

    private async Task CommentAsync(
        HttpClient http, int cycle, string marker, Random random, CancellationToken stop, bool note)
    {
        if (Pick(random, _ => true) is not { } report)
        {
            return;
        }
        var text = $"{(note ? "Note" : "Comment")} {marker}: {RandomText(random, 120)}";
        var bearer = note ? instance.Triagers[random.Next(instance.Triagers.Count)] : report.FollowUpToken;
        var body = new JsonObject { ["text"] = text, ["internal"] = note }.ToJsonString();
        var ack = new Ack(note ? WriteKind.Note : WriteKind.Comment, cycle, text, report.Id, text);
        var json = new StringContent(body, Encoding.UTF8, "application/json");
        await WriteAsync(http, ack, bearer, $"/api/reports/{report.Id}/comments", json, stop);
    }

    private async Task AttachAsync(HttpClient http, int cycle, string marker, Random random, CancellationToken stop)
    {
        if (Pick(random, r => !r.Published) is not { } report)
        {
            return;
        }
        var content = RandomText(random, random.Next(500, 50_000));
        var name = $"log-{marker}.txt";
        var form = new MultipartFormDataContent
        {
            { Text(content), "file", name },
        };
        var ack = new Ack(WriteKind.Attachment, cycle, name, report.Id, Sha256: Sha(content));
        await WriteAsync(http, ack, Triager(random), $"/api/reports/{report.Id}/attachments", form, stop);
    }

    private async Task AcceptAsync(HttpClient http, int cycle, string marker, Random random, CancellationToken stop)
    {
        if (Pick(random, r => !r.Accepted) is not { } report)
        {
            return;
        }
        var ack = new Ack(WriteKind.Accept, cycle, marker, report.Id);
        if (await WriteAsync(http, ack, Triager(random), $"/api/reports/{report.Id}/accept", null, stop) is not null)
        {
            lock (known)
            {
                report.Accepted = true;
            }
        }
    }

    private async Task PublishAsync(HttpClient http, int cycle, string marker, Random random, CancellationToken stop)
    {
        if (Pick(random, r => r.Accepted && !r.Published) is not { } report)
        {
            return;
        }
        var ack = new Ack(WriteKind.Publish, cycle, marker, report.Id);
        if (await WriteAsync(http, ack, Triager(random), $"/api/reports/{report.Id}/publish", null, stop) is not null)
        {
            lock (known)
            {
                report.Published = true;
            }
        }
    }

    private string Triager(Random random) => instance.Triagers[random.Next(instance.Triagers.Count)];

    private static ByteArrayContent Text(string text) =>
        new(Encoding.UTF8.GetBytes(text)) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } };

    /// <summary>
    /// One write: journaled before it is sent (early-ack control) or when its 2xx answer has been read. Returns that
    /// answer (an empty object for 204), or null when it was refused.
    /// </summary>
    private async Task<JsonNode?> WriteAsync(
        HttpClient http, Ack ack, string bearer, string path, HttpContent? content, CancellationToken stop)
    {
        if (earlyAck)
        {
            journal.Record(ack);
        }
        var (status, answer) = await SendAsync(http, HttpMethod.Post, path, bearer, content, stop);
        if (status is < 200 or >= 300)
        {
            return null;
        }
        answer ??= new JsonObject();
        if (!earlyAck)
        {
            journal.Record(ack.Kind == WriteKind.Publish ? ack with { AdvisoryId = (string?)answer["advisoryId"] }
                : ack);
        }
        return answer;
    }

    private async Task<(int Status, JsonNode? Body)> SendAsync(
        HttpClient http, HttpMethod method, string path, string? bearer, HttpContent? content, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        Interlocked.Increment(ref stats.Sent);
        using var response = await http.SendAsync(request, stop);
        // The body is read in full before the write counts: a 2xx cut off by the kill is not an acknowledgement.
        var text = await response.Content.ReadAsStringAsync(stop);
        var status = (int)response.StatusCode;
        _answered.TrySetResult();
        if (status >= 500)
        {
            Interlocked.Increment(ref stats.ServerErrors);
            stats.Note($"{method} {path}: {status} {text[..Math.Min(text.Length, 300)]}");
        }
        else if (status >= 400 && status != 409)
        {
            Interlocked.Increment(ref stats.Refused);
            stats.Note($"{method} {path}: {status} {text[..Math.Min(text.Length, 300)]}");
        }
        return (status, text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    private KnownReport? Pick(Random random, Func<KnownReport, bool> filter)
    {
        lock (known)
        {
            var candidates = known.Where(filter).ToList();
            // Recent reports more often: they are the ones in flight.
            return candidates.Count == 0 ? null
                : candidates[Math.Max(0, candidates.Count - 1 - random.Next(Math.Min(candidates.Count, 40)))];
        }
    }

    public static string Sha(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        }).Trim() + ".";
    }
}

/// <summary>Counters of one run.</summary>
internal sealed class Stats
{
    public int Sent;
    public int Unanswered;
    public int ServerErrors;
    public int Refused;
    private readonly List<string> _notes = [];

    public void Note(string line)
    {
        lock (_notes)
        {
            if (_notes.Count < 20)
            {
                _notes.Add(line);
            }
        }
    }

    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_notes)
            {
                return [.. _notes];
            }
        }
    }
}
