using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// Every endpoint an anonymous caller can reach, taken from the app's own <see cref="EndpointDataSource"/> (a new
/// endpoint is fuzzed without touching this test), gets generated garbage from a fixed seed: random bytes,
/// truncated and mutated JSON, invalid UTF-8, deep nesting, huge numbers, wrong content types, gzip of garbage, odd
/// query strings. Whatever it is sent, no answer may be a 5xx.
/// </summary>
public partial class PublicEndpointFuzzTests
{
    private const int Seed = 20261206;

    private static readonly byte[] Noise = [.. "{}[]\",:0-e\\ "u8, 0xFF, 0x00];

    private static readonly string[] ValidBodies =
    [
        """{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}""",
        """
        {"queries":[{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"},{"package":{"purl":"pkg:npm/minimist@0.0.8"}}]}
        """,
        """{"minimist":["0.0.8","1.2.0"],"@scope/x":["1.0.0"]}""",
        """
        {"name":"app","requires":{"mkdirp":"^0.5.1"},"dependencies":{"mkdirp":{"version":"0.5.1","dependencies":{"minimist":{"version":"0.0.8","dev":true}}}}}
        """,
        """
        {"packages":[{"ecosystem":"npm","name":"minimist","affectedVersions":"<=1.2.5"}],"title":"t","description":"d","cvssVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","cwe":"CWE-79","reporterEmail":"a@example.test"}
        """,
        """{"text":"hello","token":"vfu_x","reason":"r","inFavour":true,"date":"2026-01-01"}""",
    ];

    private static readonly string[] OddQueries =
    [
        "", "?ReturnUrl=%09", "?ReturnUrl=/%09/evil.example", "?ReturnUrl=%0d%0aSet-Cookie:x", "?returnUrl=%5C%5Cevil",
        "?page=-1", "?page=99999999999999999999999", "?page=1e9999", "?q=%ff%fe%00",
        "?program=%C3%28&ecosystem=%00&package=%E2%82",
        "?handler=Nope", "?state=%", "?%=%", "?period=forever&ecosystem=npm&package=" + new string('a', 5000),
        "?page_token=" + new string('A', 3000), "?token=%00%01", "?a=1&a=2&a=3&a[]=x&a[0]=y",
    ];

    [Fact(Timeout = 900_000)]
    public async Task AnonymousEndpoints_GeneratedGarbage_NeverAnswer5xx()
    {
        await using var app = await ConfiguredApp.StartAsync(new Dictionary<string, string>
        {
            ["Vigil:RateLimit:Enabled"] = "false",
            ["Vigil:Limits:MaxRequestBodyBytes"] = "1048576",
        });
        await using (var db = Vigil.Core.Data.VigilDatabase.Open(
            app.Services.GetRequiredService<Vigil.Core.Data.DatabaseTarget>()))
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), TestContext.Current.CancellationToken);
        }
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;

        foreach (var (method, path) in AnonymousEndpoints(app.Services))
        {
            if (method == "GET")
            {
                foreach (var query in OddQueries)
                {
                    await SendAsync(app.Client, HttpMethod.Get, path + query, null, failures);
                    sent++;
                }
                continue;
            }
            var token = await AntiforgeryTokenAsync(app.Client, path);
            foreach (var content in Bodies(random, token))
            {
                await SendAsync(app.Client, HttpMethod.Post, path + OddQueries[random.Next(OddQueries.Length)], content,
                    failures);
                sent++;
            }
        }

        Assert.True(sent > 500, $"only {sent} requests were sent: were the endpoints found?");
        Assert.True(failures.Count == 0, $"{failures.Count} answers were 5xx:\n{string.Join('\n', failures)}");
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content,
        List<string> failures)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        try
        {
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add(
                    $"{method} {Short(url)} [{content?.Headers.ContentType} {content?.Headers.ContentEncoding}]: "
                        + $"{(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException exception)
        {
            failures.Add($"{method} {Short(url)}: the server broke off ({exception.Message})");
        }
    }

    private static string Short(string url) => url.Length > 120 ? url[..120] + "…" : url;

    /// <summary>Route endpoints without an authorization requirement, with their route parameters filled in.</summary>
    private static List<(string Method, string Path)> AnonymousEndpoints(IServiceProvider services)
    {
        var endpoints = new List<(string, string)>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<IAuthorizeData>() is not null && metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                continue;
            }
            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var path = Fill(endpoint.RoutePattern);
            foreach (var method in methods.Where(m => m is "GET" or "POST").Distinct())
            {
                if (!endpoints.Contains((method, path)))
                {
                    endpoints.Add((method, path));
                }
            }
        }
        return endpoints;
    }

    private static string Fill(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Value(parameter),
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString().TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
    }

    /// <summary>A plausible value per route parameter, so the request reaches the handler rather than a 404 of
    /// routing.</summary>
    private static string Value(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(' ', parameter.ParameterPolicies.Select(p => p.Content));
        return parameter.Name.ToLowerInvariant() switch
        {
            _ when constraints.Contains("long", StringComparison.Ordinal)
                || constraints.Contains("int", StringComparison.Ordinal) => "1",
            _ when constraints.Contains("guid", StringComparison.Ordinal) => Guid.Empty.ToString(),
            _ when constraints.Contains("^@", StringComparison.Ordinal) => "@scope",
            "slug" => "npm-eco",
            "ecosystem" => "npm",
            "path" => "minimist.svg",
            "name" => "minimist",
            "id" or "advisoryid" => "GHSA-vh95-rmgr-6w4m",
            "handler" => "",
            _ => "x",
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A page's antiforgery token (its cookie stays in the client), so form posts reach the handler; null for
    /// an API path.</summary>
    private static async Task<string?> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var match = AntiforgeryField().Match(html);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static IEnumerable<HttpContent> Bodies(Random random, string? antiforgery)
    {
        yield return Raw([], null);
        yield return Raw([], "application/json");
        for (var i = 0; i < 4; i++)
        {
            yield return Raw(RandomBytes(random, random.Next(1, 4000)),
                Pick(random, "application/json", "text/plain", null));
        }
        foreach (var valid in ValidBodies)
        {
            var bytes = Encoding.UTF8.GetBytes(valid);
            yield return Raw(bytes, "application/json");
            yield return Raw(bytes[..random.Next(bytes.Length)], "application/json"); // truncated
            yield return Raw(Mutate(random, bytes), "application/json");
            yield return Raw(InvalidUtf8(random, bytes), "application/json");
            yield return Raw(Gzip(bytes), "application/json", "gzip");
        }
        yield return Raw(Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)),
            "application/json");
        yield return Raw(
            Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)),
            "application/json");
        yield return Raw(
            Encoding.UTF8.GetBytes(
                "{\"dependencies\":"
                    + string.Concat(Enumerable.Repeat("{\"a\":{\"version\":\"1.0.0\",\"dependencies\":", 400)) + "{}"
                    + string.Concat(Enumerable.Repeat("}}", 400)) + "}"),
            "application/json");
        yield return Raw(Encoding.UTF8.GetBytes(
            """{"page":1e999999,"id":123456789012345678901234567890,"version":-0.0e-99999,"queries":[1e308,-1e308]}"""),
            "application/json");
        yield return Raw(Encoding.UTF8.GetBytes("""
            {"packages":"x","title":[],"description":{},"queries":{},"minimist":"1.0.0","requires":[],"dependencies":7}
            """), "application/json");
        yield return Raw(Encoding.UTF8.GetBytes("[null,true,false,\"\\ud800\",\"\\u0000\"]"), "application/json");
        yield return Raw(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><a/>"), "application/xml");
        yield return Raw(Encoding.UTF8.GetBytes("{}"), "application/json; charset=utf-16");
        yield return Raw(Encoding.UTF8.GetBytes("{}"), "not a media type");
        yield return Raw(Gzip(RandomBytes(random, 2000)), "application/json", "gzip");
        yield return Raw(RandomBytes(random, 500), "application/json", "gzip");
        yield return Raw(Gzip(RandomBytes(random, 500))[..100], "application/json", "gzip");
        yield return Raw(RandomBytes(random, 300), "application/json", "br");
        yield return Raw(
            Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"report\"\r\n\r\n{\"x\r\n--b--"),
            "multipart/form-data; boundary=b");
        yield return Raw(RandomBytes(random, 800), "multipart/form-data; boundary=b");
        yield return Raw(Encoding.UTF8.GetBytes("x"), "multipart/form-data");
        yield return Raw(Encoding.UTF8.GetBytes("a=%ZZ&&=&%%%=1&b=" + new string('x', 20_000)),
            "application/x-www-form-urlencoded");
        foreach (var form in Forms(random, antiforgery))
        {
            yield return Raw(Encoding.ASCII.GetBytes(form), "application/x-www-form-urlencoded");
        }
    }

    /// <summary>Form posts as the pages receive them, with the antiforgery token when there is one.</summary>
    private static IEnumerable<string> Forms(Random random, string? antiforgery)
    {
        var fields = new[]
        {
            "Program", "Ecosystem", "PackageName", "AffectedVersions", "Title", "Description", "ProofOfConcept",
            "CvssVector", "Cwe",
            "ReporterEmail", "CreditName", "Email", "Password", "ReturnUrl", "Code", "Token", "Text", "credential",
            "Name", "Query",
        };
        var values = new[]
        {
            "", "%FF%FE", "%00", new string('x', 200_000), "1e99999", "-1", "%09%0d%0a", "CVSS:3.1/AV:N",
            "CWE-99999999999",
            "npm", "NuGet", "../../etc", "<script>", "{\"a\":", "%C3%28", "9999999999999999999999",
        };
        for (var i = 0; i < 12; i++)
        {
            var form = new StringBuilder(
                antiforgery is null ? "" : "__RequestVerificationToken=" + Uri.EscapeDataString(antiforgery));
            foreach (var field in fields.Where(_ => random.Next(2) == 0))
            {
                form.Append('&').Append(field).Append('=').Append(values[random.Next(values.Length)]);
            }
            yield return form.ToString();
        }
    }

    private static ByteArrayContent Raw(byte[] bytes, string? contentType, string? encoding = null)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }
        return content;
    }

    private static string? Pick(Random random, params string?[] choices) => choices[random.Next(choices.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < 1 + copy.Length / 20; i++)
        {
            copy[random.Next(copy.Length)] = Noise[random.Next(Noise.Length)];
        }
        return copy;
    }

    /// <summary>Bytes that never occur in UTF-8 (or a cut-off sequence) inside the JSON's strings.</summary>
    private static byte[] InvalidUtf8(Random random, byte[] bytes)
    {
        var copy = new List<byte>(bytes);
        for (var i = 0; i < 3; i++)
        {
            var quote = copy.IndexOf((byte)'"', random.Next(copy.Count));
            if (quote >= 0)
            {
                copy.InsertRange(quote + 1,
                    random.Next(3) switch { 0 => [0xFF], 1 => [0xC3], _ => [0xED, 0xA0, 0x80] });
            }
        }
        return [.. copy];
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        return buffer.ToArray();
    }
}
