using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>RFC 9457 problem documents outside the OSV API; osv.dev's {code, message} inside it.</summary>
public class ErrorResponsesTests
{
    [Theory]
    [InlineData("GET", "/no/such/thing", null, 404, "Nothing is served at /no/such/thing")]
    [InlineData("GET", "/-/npm/v1/security/advisories/bulk", null, 405, "GET is not allowed")]
    [InlineData("PUT", "/healthz", null, 405, "allowed: GET")]
    [InlineData("POST", "/-/npm/v1/security/advisories/bulk", "application/xml", 415,
        "Content-Type 'application/xml' is not accepted")]
    public async Task Request_Refused_AnswersProblemDocument(string method, string path, string? contentType,
        int status, string detail)
    {
        await using var app = await ConfiguredApp.StartAsync();

        using var response = await app.Client.SendAsync(Request(method, path, contentType), ConfiguredApp.Ct);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(ConfiguredApp.Ct))!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.StartsWith("https://", (string?)problem["type"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.Contains(detail, (string?)problem["detail"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
    }

    [Theory]
    [InlineData("GET", "/v1/query", null, 405, 12, "GET is not allowed on /v1/query; allowed: POST")]
    [InlineData("GET", "/v1/nothing/here", null, 404, 5, "Nothing is served at /v1/nothing/here")]
    [InlineData("POST", "/v1/query", "application/xml", 415, 3, "Content-Type 'application/xml' is not accepted")]
    [InlineData("POST", "/v1/querybatch", "multipart/form-data; boundary=x", 415, 3, "is not accepted")]
    public async Task OsvRequest_Refused_AnswersOsvErrorShape(string method, string path, string? contentType,
        int status, int code, string message)
    {
        await using var app = await ConfiguredApp.StartAsync();

        using var response = await app.Client.SendAsync(Request(method, path, contentType), ConfiguredApp.Ct);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(ConfiguredApp.Ct))!.AsObject();
        Assert.Equal(["code", "message"], error.Select(p => p.Key));
        Assert.Equal(code, (int)error["code"]!);
        Assert.Contains(message, (string?)error["message"]);
    }

    [Fact]
    public async Task NotFound_QueryStringWithToken_IsNotEchoed()
    {
        await using var app = await ConfiguredApp.StartAsync();

        using var response = await app.Client.GetAsync("/no/such/thing?token=s3cr3t-value", ConfiguredApp.Ct);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.DoesNotContain("s3cr3t-value", await response.Content.ReadAsStringAsync(ConfiguredApp.Ct));
    }

    private static HttpRequestMessage Request(string method, string path, string? contentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return request;
    }
}
