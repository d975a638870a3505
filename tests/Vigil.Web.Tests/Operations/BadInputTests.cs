using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// Every POST endpoint against every kind of bad body: each answer is a clear 4xx naming what is wrong (osv.dev's
/// {code, message} on the OSV API, a problem document elsewhere), never a 500 and never a hang.
/// </summary>
public class BadInputTests
{
    public const string Query = "/v1/query";
    public const string Batch = "/v1/querybatch";
    public const string NpmBulk = "/-/npm/v1/security/advisories/bulk";
    public const string NpmQuick = "/-/npm/v1/security/audits/quick";
    public const string Intake = "/api/programs/npm-eco/reports";

    private const int MaxWireBytes = 64 * 1024;
    private const int MaxDecompressedBytes = 1024 * 1024;

    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Vigil:Limits:MaxRequestBodyBytes"] = MaxWireBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vigil:MaxDecompressedBodyBytes"] = MaxDecompressedBytes.ToString(
            System.Globalization.CultureInfo.InvariantCulture),
    };

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { Query, "malformed JSON", 400, "invalid JSON body" },
        { Batch, "malformed JSON", 400, "invalid JSON body" },
        { NpmBulk, "malformed JSON", 400, "The body is not JSON" },
        { Query, "empty body", 400, "invalid JSON body" },
        { Batch, "empty body", 400, "invalid JSON body" },
        { NpmBulk, "empty body", 400, "The body is not JSON" },
        { Query, "wrong content type", 415, "Content-Type 'application/xml' is not accepted" },
        { Batch, "wrong content type", 415, "Content-Type 'application/xml' is not accepted" },
        { NpmBulk, "wrong content type", 415, "Content-Type 'application/xml' is not accepted" },
        { Query, "oversized body", 413, $"the limit is {MaxWireBytes}" },
        { Batch, "oversized body", 413, $"the limit is {MaxWireBytes}" },
        { NpmBulk, "oversized body", 413, $"the limit is {MaxWireBytes}" },
        { Query, "gzip bomb", 413, $"larger than {MaxDecompressedBytes} bytes after decompression" },
        { Batch, "gzip bomb", 413, $"larger than {MaxDecompressedBytes} bytes after decompression" },
        { NpmBulk, "gzip bomb", 413, $"larger than {MaxDecompressedBytes} bytes after decompression" },
        { Query, "broken gzip", 400, "The request body does not decode" },
        { NpmBulk, "broken gzip", 400, "The request body does not decode" },
        { Batch, "broken brotli", 400, "The request body does not decode" },
        { NpmBulk, "broken brotli", 400, "The request body does not decode" },
        { Query, "unknown content encoding", 415, "Content-Encoding 'zstd' is not supported" },
        { NpmBulk, "unknown content encoding", 415, "Content-Encoding 'zstd' is not supported" },
        { Query, "unknown ecosystem", 400, "invalid ecosystem" },
        { Batch, "unknown ecosystem", 400, "error in query at index 0: invalid ecosystem" },
        { Batch, "1,001 queries", 400, "too many queries" },
        { Query, "wrong JSON type", 400, "invalid JSON body" },
        { Batch, "wrong JSON type", 400, "invalid JSON body" },
        { NpmBulk, "wrong JSON type", 400, "The body must be a JSON object" },
        { NpmBulk, "invalid UTF-8", 400, "not valid UTF-8" },
        { NpmQuick, "invalid UTF-8", 400, "not valid UTF-8" },
        { NpmQuick, "invalid UTF-8 in a nested name", 400, "not valid UTF-8" },
        { Query, "invalid UTF-8", 400, "invalid JSON body" },
        { Batch, "invalid UTF-8", 400, "invalid JSON body" },
        // The JSON and the multipart intake share the route; without a Content-Type routing found both (500).
        { Intake, "no content type", 415, "Expected a supported JSON media type" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_BadBody_Answers4xxNamingTheProblem(string path, string kind, int status, string message)
    {
        await using var app = await ConfiguredApp.StartAsync(Limits);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ConfiguredApp.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        using var response = await app.Client.PostAsync(path, Body(path, kind), timeout.Token);

        Assert.Equal(status, (int)response.StatusCode);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!;
        if (path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((int)node["code"]! > 0);
            Assert.Contains(message, (string?)node["message"]);
        }
        else
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(status, (int)node["status"]!);
            Assert.Contains(message, (string?)node["detail"]);
        }
    }

    private static HttpContent Body(string path, string kind) => kind switch
    {
        "malformed JSON" => Json("{\"package\": {\"name\": \"minimist\", "),
        "empty body" => Json(""),
        "wrong content type" => Typed(Encoding.UTF8.GetBytes("<query/>"), "application/xml"),
        "oversized body" => Json("{\"x\":\"" + new string('a', MaxWireBytes) + "\"}"),
        // 16 MB of JSON whitespace
        "gzip bomb" => Encoded(Gzip(Enumerable.Repeat((byte)' ', 16 * MaxDecompressedBytes).ToArray()), "gzip"),
        "broken gzip" => Encoded([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef], "gzip"),
        "broken brotli" => Encoded(Encoding.UTF8.GetBytes("{\"not\": \"brotli\"}"), "br"),
        "unknown content encoding" => Encoded(Encoding.UTF8.GetBytes("{}"), "zstd"),
        "unknown ecosystem" => Json(path == Batch
            ? """{"queries":[{"package":{"ecosystem":"NoSuchEcosystem","name":"x"},"version":"1.0.0"}]}"""
            : """{"package":{"ecosystem":"NoSuchEcosystem","name":"x"},"version":"1.0.0"}"""),
        "1,001 queries" => Json($$"""
            {"queries":[{{string.Join(',',
                Enumerable.Repeat("""{"package":{"ecosystem":"npm","name":"x"},"version":"1.0.0"}""", 1001))}}]}
            """),
        "wrong JSON type" => Json("[1, 2, 3]"),
        "no content type" => new ByteArrayContent("{}"u8.ToArray()),
        // 0xFF never occurs in UTF-8; the reader only notices when a name or value is decoded.
        "invalid UTF-8" => Typed(path switch
        {
            NpmBulk => [.. "{\""u8, 0xFF, 0xFE, .. "\":[\"1.0.0\"]}"u8],
            NpmQuick => [.. "{\"requires\":{\"a\":\"1."u8, 0xFF, .. "\"}}"u8],
            Batch =>
                [.. "{\"queries\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\""u8, 0xFF,
                    .. "\"},\"version\":\"1.0.0\"}]}"u8],
            _ => [.. "{\"package\":{\"ecosystem\":\"npm\",\"name\":\""u8, 0xFF, .. "\"},\"version\":\"1.0.0\"}"u8],
        }, "application/json"),
        "invalid UTF-8 in a nested name" =>
            Typed(
                [.. "{\"dependencies\":{\"a\":{\"version\":\"1.0.0\",\"dependencies\":{\""u8, 0xC3,
                    .. "\":{\"version\":\"1.0.0\"}}}}}"u8],
                "application/json"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static HttpContent Json(string json) => Typed(Encoding.UTF8.GetBytes(json), "application/json");

    private static HttpContent Typed(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static HttpContent Encoded(byte[] bytes, string encoding)
    {
        var content = Typed(bytes, "application/json");
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(bytes);
        }
        return buffer.ToArray();
    }
}
