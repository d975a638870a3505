using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Attachments;

/// <summary>Attachments through the JSON API: multipart intake, later uploads by the follow-up token, downloads, and
/// bad uploads.</summary>
public class AttachmentApiTests
{
    private const string Marker = "ATTACH-MARKER-0c9e";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44,
        0x52];

    private static CancellationToken Ct => WebTest.Ct;

    private static string Report() => new JsonObject
    {
        ["packages"] = new JsonArray(
            new JsonObject { ["ecosystem"] = "npm", ["name"] = "deep-merge", ["affectedVersions"] = "<=1.4.1" }),
        ["title"] = $"Prototype pollution {Marker}",
        ["description"] = "Details",
    }.ToJsonString();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_MultipartWithFiles_201AndTheTokenDownloadsThem(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var script = Encoding.UTF8.GetBytes($"exploit() // {Marker}");

        using var response = await test.Client.PostAsync("/api/programs/npm-eco/reports",
            Form(("report", null, Encoding.UTF8.GetBytes(Report())), ("file", "poc.js", script),
                ("file", "screen.png", Png)),
            Ct);

        Assert.Equal(201, (int)response.StatusCode);
        var body = await WebTest.ReadAsync(response);
        var id = body!["id"]!.GetValue<long>();
        var token = body["followUpToken"]!.GetValue<string>();
        var view = await SendAsync(test, HttpMethod.Get, $"/api/reports/{id}", token);
        var files = view.Body!["attachments"]!.AsArray();
        Assert.Equal(["poc.js", "screen.png"], files.Select(f => f!["fileName"]!.GetValue<string>()));
        Assert.Equal(["text/plain", "image/png"], files.Select(f => f!["mediaType"]!.GetValue<string>()));

        using var download = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}/attachments/{files[1]!["id"]}");
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var file = await test.Client.SendAsync(download, Ct);
        Assert.Equal(200, (int)file.StatusCode);
        Assert.Equal(Png, await file.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.True(file.Headers.CacheControl is { NoStore: true, Private: true });

        // Without the token: the same 404 as for a missing report.
        var (status, anonymous) = await test.GetAsync($"/api/reports/{id}/attachments/{files[1]!["id"]}");
        Assert.Equal(404, status);
        Assert.DoesNotContain(Marker, anonymous!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ByFollowUpToken_201AndOnTheTimeline()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);
        var (_, submitted) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Report());
        var id = submitted!["id"]!.GetValue<long>();
        var token = submitted["followUpToken"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{id}/attachments")
        {
            Content = Form(("file", "trace.log", "at merge (index.js:10)\n"u8.ToArray()))
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await test.Client.SendAsync(request, Ct);

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Single((await WebTest.ReadAsync(response))!["ids"]!.AsArray());
        var view = await SendAsync(test, HttpMethod.Get, $"/api/reports/{id}", token);
        Assert.Contains(view.Body!["timeline"]!.AsArray(),
            e =>
                e!["kind"]!.GetValue<string>() == "Attachment"
                    && e["text"]!.GetValue<string>().Contains("trace.log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_WithoutTheToken_404()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);
        var (_, submitted) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Report());

        using var response = await test.Client.PostAsync($"/api/reports/{submitted!["id"]}/attachments",
            Form(("file", "a.png", Png)), Ct);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Submit_DisguisedFile_400NamesTheFileAndStoresNothing()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);

        using var response = await test.Client.PostAsync("/api/programs/npm-eco/reports",
            Form(("report", null, Encoding.UTF8.GetBytes(Report())), ("file", "ok.png", Png),
                ("file", "cat.png", "<script>alert(1)</script>"u8.ToArray())),
            Ct);

        Assert.Equal(400, (int)response.StatusCode);
        var problem = await WebTest.ReadAsync(response);
        Assert.Contains("'cat.png' is not a PNG image", problem!["errors"]!["attachments[1]"]![0]!.GetValue<string>(),
            StringComparison.Ordinal);
        await using var db = test.OpenDatabase();
        Assert.Empty(db.Reports);
    }

    [Theory]
    [InlineData("{", "report")]
    [InlineData("", "report")]
    public async Task Submit_MultipartWithBadReportPart_400NamesIt(string json, string field)
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);

        using var response = await test.Client.PostAsync("/api/programs/npm-eco/reports",
            Form(("report", null, Encoding.UTF8.GetBytes(json)), ("file", "a.png", Png)), Ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.NotNull((await WebTest.ReadAsync(response))!["errors"]![field]);
    }

    [Fact]
    public async Task Submit_OtherContentType_415()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);

        using var response = await test.Client.PostAsync("/api/programs/npm-eco/reports",
            new StringContent(Report(), Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(415, (int)response.StatusCode);
    }

    private static MultipartFormDataContent Form(params (string Name, string? FileName, byte[] Content)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, fileName, content) in parts)
        {
            if (fileName is null)
            {
                form.Add(new StringContent(Encoding.UTF8.GetString(content)), name);
            }
            else
            {
                form.Add(new ByteArrayContent(content), name, fileName);
            }
        }
        return form;
    }

    private static async Task<WebTest> StartAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        await using var db = test.OpenDatabase();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        return test;
    }

    private static async Task<(int Status, JsonNode? Body)> SendAsync(WebTest test, HttpMethod method, string path,
        string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await test.Client.SendAsync(request, Ct);
        return ((int)response.StatusCode, await WebTest.ReadAsync(response));
    }
}
