using System.Text.Json;
using Vigil.Cli.Output;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;
using Vigil.Lockfiles;

namespace Vigil.Cli.Tests.Output;

public sealed class AuditJsonWriterTests
{
    [Fact]
    public void Write_Finding_UsesSnakeCaseKeysRelativePathsAndReadableRanges()
    {
        var finding = Findings.Make(id: "TEST-7", score: 7.5, vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
            fixedVersion: "1.2.3", aliases: ["CVE-2099-0001"], paths: ["a>b"],
            lockfiles: [$"{Findings.Root}/web/package-lock.json"]);

        var text = AuditJsonWriter.Write(Findings.Result(finding));
        var json = JsonDocument.Parse(text).RootElement.GetProperty("findings")[0];

        Assert.Contains("\"vulnerable_versions\": \"<9.9.9\"", text, StringComparison.Ordinal); // not \u003C
        Assert.Equal("CVE-2099-0001", json.GetProperty("aliases")[0].GetString());
        Assert.Equal(7.5, json.GetProperty("cvss").GetProperty("score").GetDouble());
        Assert.Equal("1.2.3", json.GetProperty("fixed").GetString());
        Assert.Equal("Summary of TEST-7", json.GetProperty("title").GetString());
        Assert.Equal("a>b", json.GetProperty("paths")[0].GetString());
        Assert.Equal("web/package-lock.json", json.GetProperty("lockfiles")[0].GetString());
    }

    [Fact]
    public void Write_NoCvssNoFix_WritesNulls()
    {
        var json = JsonDocument.Parse(AuditJsonWriter.Write(Findings.Result(Findings.Make())))
            .RootElement.GetProperty("findings")[0];

        Assert.Equal(JsonValueKind.Null, json.GetProperty("cvss").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("fixed").ValueKind);
    }

    [Fact]
    public void Write_Metadata_CountsEverySeverityIncludingUnknown()
    {
        var result = Findings.Result(
            Findings.Make(id: "A", severity: AdvisorySeverity.Unknown),
            Findings.Make(id: "B", severity: AdvisorySeverity.Low),
            Findings.Make(id: "C", severity: AdvisorySeverity.Low));

        var metadata = JsonDocument.Parse(AuditJsonWriter.Write(result)).RootElement.GetProperty("metadata");

        var counts = metadata.GetProperty("vulnerabilities");
        Assert.Equal(["info", "low", "moderate", "high", "critical", "unknown", "total"],
            counts.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2, 1, 3),
            (counts.GetProperty("low").GetInt32(), counts.GetProperty("unknown").GetInt32(),
                counts.GetProperty("total").GetInt32()));
        Assert.Equal(10, metadata.GetProperty("packages").GetInt32());
    }

    [Fact]
    public void Write_UnreadableLockfile_IsListedUnderErrorsWithItsLine()
    {
        var report = new AuditReport([], [], 0, new AuditOptions());
        var error = new LockfileException($"{Findings.Root}/app/yarn.lock", 12, 3, "unexpected indentation");
        var result = AuditResult.Create(report, [error], Findings.Root, new Dictionary<string, AdvisoryLinks>());

        var json = JsonDocument.Parse(AuditJsonWriter.Write(result)).RootElement.GetProperty("errors")[0];

        Assert.Equal(("app/yarn.lock", 12, "unexpected indentation"),
            (json.GetProperty("file").GetString(), json.GetProperty("line").GetInt32(),
                json.GetProperty("message").GetString()));
    }
}
