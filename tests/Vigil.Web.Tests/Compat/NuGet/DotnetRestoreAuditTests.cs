using System.Text.RegularExpressions;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.NuGet;

/// <summary>
/// The acceptance test of the NuGet resource: the real <c>dotnet restore</c> audits a project against Vigil,
/// listed under <c>&lt;auditSources&gt;</c>, on a loopback Kestrel port started through
/// <see cref="VigilWebApp.Build"/> as <c>vigil serve</c> does. The package comes from a folder the test
/// packs itself; nothing goes to the network. Then <c>dotnet package list --vulnerable</c> lists the same advisories.
/// </summary>
public partial class DotnetRestoreAuditTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DotnetRestore_VigilAsAuditSource_WarnsWithVigilsSeverityAndUrl(DatabaseProvider provider)
    {
        var dotnet = DotnetCli.Find();
        if (dotnet is null)
        {
            Assert.Skip("dotnet is not on PATH; this test runs the real dotnet restore.");
        }
        // A fresh id per run: nothing cached anywhere can answer for it.
        var package = $"Vigil.AuditProbe{Guid.NewGuid():N}"[..28];
        await using var database = await TestDatabase.CreateAsync(provider);
        await Advisories.SeedAsync(database.Target, [
            NuGetAdvisories.Make("VIGIL-NUGET-LOW", package, "LOW", "introduced:0 fixed:2.0.0"),
            NuGetAdvisories.Make("VIGIL-NUGET-MODERATE", package, "MODERATE", "introduced:1.0.0 last_affected:1.0.0"),
            NuGetAdvisories.Make("VIGIL-NUGET-HIGH", package.ToLowerInvariant(), "HIGH",
                "introduced:0.1.0 fixed:0.2.0; introduced:0.9.0 fixed:1.0.1"),
            NuGetAdvisories.Make("VIGIL-NUGET-CRITICAL", package, "CRITICAL", "introduced:0", versions: null),
            NuGetAdvisories.Make("VIGIL-NUGET-WITHDRAWN", package, "CRITICAL", "introduced:0",
                withdrawn: NuGetAdvisories.Modified),
            NuGetAdvisories.Make("VIGIL-NUGET-ELSEWHERE", package, "HIGH", "introduced:3.0.0"),
        ]);
        await using var app = VigilWebApp.Build(
            ["--urls", "http://127.0.0.1:0", $"--Vigil:Reports:MasterKey={Infrastructure.VigilFactory.MasterKey}"],
            database.Target);
        await app.StartAsync(WebTest.Ct);
        var baseUrl = app.Urls.Single().TrimEnd('/');
        var work = Directory.CreateTempSubdirectory("vigil-nuget-audit-");
        try
        {
            var cli = new DotnetCli(dotnet!, work.FullName);
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "nuget.config"), NuGetConfig(feed, baseUrl),
                WebTest.Ct);
            await PackAsync(cli, work.FullName, package, feed, "1.0.0", "2.0.0");
            var vulnerable = WriteConsumer(work.FullName, "Vulnerable", package, "1.0.0");
            var patched = WriteConsumer(work.FullName, "Patched", package, "2.0.0");

            var (exitCode, output) = await cli.RunAsync(work.FullName, "restore", "Consumers.slnx", "-nodeReuse:false");

            Assert.True(exitCode == 0, $"dotnet restore exited {exitCode}\n{output}");
            // NU1900: the audit source could not be read
            Assert.DoesNotContain("NU1900", output, StringComparison.Ordinal);
            var warnings = AuditWarnings().Matches(output)
                .Select(
                    m =>
                        (Project: Path.GetFileNameWithoutExtension(m.Groups["project"].Value),
                            Code: m.Groups["code"].Value,
                    Package: m.Groups["package"].Value, Version: m.Groups["version"].Value,
                    Severity: m.Groups["severity"].Value, Url: m.Groups["url"].Value))
                .Distinct()
                .OrderBy(w => w.Url, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(
                [
                    ("Vulnerable", "NU1904", package, "1.0.0", "critical",
                        $"{baseUrl}/advisories/VIGIL-NUGET-CRITICAL"),
                    ("Vulnerable", "NU1903", package, "1.0.0", "high", $"{baseUrl}/advisories/VIGIL-NUGET-HIGH"),
                    ("Vulnerable", "NU1901", package, "1.0.0", "low", $"{baseUrl}/advisories/VIGIL-NUGET-LOW"),
                    ("Vulnerable", "NU1902", package, "1.0.0", "moderate",
                        $"{baseUrl}/advisories/VIGIL-NUGET-MODERATE"),
                    ("Patched", "NU1904", package, "2.0.0", "critical", $"{baseUrl}/advisories/VIGIL-NUGET-CRITICAL"),
                ],
                warnings.OrderBy(w => w.Project == "Patched").ThenBy(w => w.Url, StringComparer.Ordinal));
            Assert.True(File.Exists(vulnerable) && File.Exists(patched));

            // `dotnet package list --vulnerable` reads the same audit source for a restored project.
            var (listExit, listed) = await cli.RunAsync(work.FullName, "package", "list", "--project", vulnerable,
                "--vulnerable", "--format", "json");
            Assert.True(listExit == 0, $"dotnet package list exited {listExit}\n{listed}");
            var advisories = System.Text.Json.Nodes.JsonNode.Parse(listed[listed.IndexOf('{')..])!["projects"]![0]!
                ["frameworks"]![0]!["topLevelPackages"]![0]!["vulnerabilities"]!.AsArray()
                .Select(v => (Severity: v!["severity"]!.GetValue<string>(), Url: v["advisoryurl"]!.GetValue<string>()))
                .OrderBy(v => v.Url, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(
                [
                    ("Critical", $"{baseUrl}/advisories/VIGIL-NUGET-CRITICAL"),
                    ("High", $"{baseUrl}/advisories/VIGIL-NUGET-HIGH"),
                    ("Low", $"{baseUrl}/advisories/VIGIL-NUGET-LOW"),
                    ("Moderate", $"{baseUrl}/advisories/VIGIL-NUGET-MODERATE"),
                ],
                advisories);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            work.Delete(recursive: true);
        }
    }

    // "/path/Vulnerable.csproj : warning NU1902: Package 'Id' 1.0.0 has a known moderate severity vulnerability, URL"
    [GeneratedRegex(
        @"(?<project>\S+\.csproj) : warning (?<code>NU190[1-4]): Package '(?<package>[^']+)' (?<version>\S+) "
        + @"has a known (?<severity>\w+) severity vulnerability, (?<url>\S+?)(?=\s|$)", RegexOptions.Multiline)]
    private static partial Regex AuditWarnings();

    private static string NuGetConfig(string feed, string baseUrl) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
          </packageSources>
          <auditSources>
            <clear />
            <add key="vigil" value="{baseUrl}/nuget/v3/index.json" allowInsecureConnections="true" />
          </auditSources>
        </configuration>
        """;

    private static async Task PackAsync(DotnetCli cli, string work, string package, string feed,
        params string[] versions)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, "probe")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>{package}</PackageId>
                <Authors>Vigil tests</Authors>
                <Description>A package Vigil's tests audit.</Description>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
            </Project>
            """, WebTest.Ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "Probe.cs"),
            "namespace Probe;\npublic static class Answer { public const int Value = 42; }\n", WebTest.Ct);
        for (var i = 0; i < versions.Length; i++)
        {
            string[] args = ["pack", "Probe.csproj", "-c", "Release", "-o", feed, $"-p:Version={versions[i]}",
                "-nodeReuse:false", "--disable-build-servers"];
            var (exitCode, output) = await cli.RunAsync(dir, i == 0 ? args : [.. args, "--no-build"]);
            Assert.True(exitCode == 0, $"dotnet pack {versions[i]} exited {exitCode}\n{output}");
        }
    }

    private static string WriteConsumer(string work, string name, string package, string version)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, name)).FullName;
        var project = Path.Combine(dir, name + ".csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <NuGetAudit>true</NuGetAudit>
                <NuGetAuditLevel>low</NuGetAuditLevel>
                <NuGetAuditMode>all</NuGetAuditMode>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        var solution = Path.Combine(work, "Consumers.slnx");
        var projects = File.Exists(solution)
            ? File.ReadAllText(solution).Split('\n').Where(l => l.Contains("<Project ", StringComparison.Ordinal))
                .ToList()
            : [];
        projects.Add($"  <Project Path=\"{name}/{name}.csproj\" />");
        File.WriteAllText(solution, "<Solution>\n" + string.Join('\n', projects) + "\n</Solution>\n");
        return project;
    }
}
