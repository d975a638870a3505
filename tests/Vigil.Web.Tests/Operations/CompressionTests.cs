using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

public class CompressionTests
{
    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    public async Task Get_AcceptEncoding_CompressesJson(string acceptEncoding, string expected)
    {
        await using var app = await ConfiguredApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/vulns/GHSA-35jh-r3h4-6jhm");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await app.Client.SendAsync(request, ConfiguredApp.Ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var compressed = await response.Content.ReadAsByteArrayAsync(ConfiguredApp.Ct);
        var json = Decompress(compressed, expected);
        Assert.True(compressed.Length < json.Length, $"{compressed.Length} compressed bytes, {json.Length} plain");
        Assert.Equal("GHSA-35jh-r3h4-6jhm", (string?)JsonNode.Parse(json)!["id"]);
    }

    [Fact]
    public async Task Get_NoAcceptEncoding_AnswersPlain()
    {
        await using var app = await ConfiguredApp.StartAsync();

        using var response = await app.Client.GetAsync("/v1/vulns/GHSA-35jh-r3h4-6jhm", ConfiguredApp.Ct);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("GHSA-35jh-r3h4-6jhm",
            (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(ConfiguredApp.Ct))!["id"]);
    }

    [Fact]
    public async Task ProblemDocument_AcceptGzip_IsCompressed()
    {
        await using var app = await ConfiguredApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");

        using var response = await app.Client.SendAsync(request, ConfiguredApp.Ct);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(404,
            (int)JsonNode.Parse(
                Decompress(await response.Content.ReadAsByteArrayAsync(ConfiguredApp.Ct), "gzip"))!["status"]!);
    }

    [Fact]
    public async Task Get_CompressionDisabled_AnswersPlain()
    {
        await using var app = await ConfiguredApp.StartAsync(
            new Dictionary<string, string> { ["Vigil:Compression:Enabled"] = "false" });
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/vulns/GHSA-35jh-r3h4-6jhm");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");

        using var response = await app.Client.SendAsync(request, ConfiguredApp.Ct);

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private static string Decompress(byte[] bytes, string encoding)
    {
        using Stream stream = encoding == "br"
            ? new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
