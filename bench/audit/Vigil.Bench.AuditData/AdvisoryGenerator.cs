using System.Globalization;
using System.IO.Compression;
using System.Text;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Bench.AuditData;

/// <summary>Writes OSV advisories with the shapes real npm advisories have (OSV bulk zip layout).</summary>
internal sealed class AdvisoryGenerator(Random random, PackageNames names)
{
    private static readonly string[] Kinds =
    [
        "Prototype Pollution", "Regular Expression Denial of Service", "Cross-site Scripting",
        "Path Traversal", "Command Injection", "Server-Side Request Forgery", "Arbitrary Code Execution",
        "Improper Input Validation", "Information Exposure", "Uncontrolled Resource Consumption",
    ];

    private static readonly string[] Vectors =
    [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N",
    ];

    private static readonly string[] Words = ["LOW", "MODERATE", "HIGH", "CRITICAL"];

    public void WriteZip(string path, int count)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var published = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= count; i++)
        {
            var vulnerability = Create(i, published.AddMinutes(i * 37L));
            var entry = zip.CreateEntry(vulnerability.Id + ".json", CompressionLevel.Fastest);
            using var stream = entry.Open();
            var bytes = Encoding.UTF8.GetBytes(OsvJson.Serialize(vulnerability));
            stream.Write(bytes);
        }
    }

    internal OsvVulnerability Create(int n, DateTimeOffset published)
    {
        var package = names.Any(random);
        var kind = Kinds[random.Next(Kinds.Length)];
        var affected = new List<OsvAffected> { Affected(package) };
        if (random.Next(10) == 0)
        {
            affected.Add(Affected(names.Any(random)));
        }
        return new OsvVulnerability
        {
            SchemaVersion = OsvVulnerability.CurrentSchemaVersion,
            Id = $"BENCH-{n}",
            Modified = published.AddDays(random.Next(400)),
            Published = published,
            Aliases = [string.Create(CultureInfo.InvariantCulture, $"CVE-{2016 + n % 10}-{10000 + n}")],
            Summary = $"{kind} in {package}",
            Details = $"Versions of `{package}` are vulnerable to {kind}. Upgrade to a fixed version.",
            Severity = [new OsvSeverity { Type = "CVSS_V3", Score = Vectors[random.Next(Vectors.Length)] }],
            Affected = affected,
            References = [new OsvReference { Type = "ADVISORY", Url = $"https://example.org/advisories/BENCH-{n}" }],
            DatabaseSpecific = new() { ["severity"] = Words[random.Next(Words.Length)] },
        };
    }

    /// <summary>
    /// The sync bucket's records: <see cref="Create"/>'s, and more of what real feeds carry: a GHSA alias
    /// beside the CVE on a third of them, and three to five affected packages on one in twenty (a
    /// vulnerability in a family of packages). Deterministic in <paramref name="n"/> and the seed.
    /// </summary>
    internal OsvVulnerability CreateForBucket(int n, DateTimeOffset published)
    {
        var vulnerability = Create(n, published);
        if (n % 3 == 0)
        {
            vulnerability.Aliases!.Add(Ghsa(n));
        }
        if (n % 20 == 0)
        {
            for (var more = 2 + random.Next(3); more > 0; more--)
            {
                vulnerability.Affected!.Add(Affected(names.Any(random)));
            }
        }
        return vulnerability;
    }

    private static string Ghsa(int n)
    {
        const string letters = "23456789cfghjmpqrvwx";
        Span<char> text = stackalloc char[12];
        var x = (uint)n * 2654435761u;
        for (var i = 0; i < text.Length; i++, x = x * 1103515245u + 12345u)
        {
            text[i] = letters[(int)(x >> 16) % letters.Length];
        }
        return $"GHSA-{new string(text[..4])}-{new string(text[4..8])}-{new string(text[8..])}";
    }

    private OsvAffected Affected(string package)
    {
        var events = new List<OsvEventModel>();
        var major = random.Next(6);
        switch (random.Next(4))
        {
            case 0: // <x.y.z
                events.Add(new() { Introduced = "0" });
                events.Add(new() { Fixed = Version(major) });
                break;
            case 1: // >=a <b
                events.Add(new() { Introduced = $"{major}.0.0" });
                events.Add(new() { Fixed = Version(major) });
                break;
            case 2: // two branches
                events.Add(new() { Introduced = "0" });
                events.Add(new() { Fixed = Version(major) });
                events.Add(new() { Introduced = $"{major + 1}.0.0" });
                events.Add(new() { Fixed = Version(major + 1) });
                break;
            default: // no fix
                events.Add(new() { Introduced = "0" });
                events.Add(new() { LastAffected = Version(major) });
                break;
        }
        return new OsvAffected
        {
            Package = new OsvPackage
            {
                Ecosystem = "npm",
                Name = package,
                Purl = $"pkg:npm/{package.Replace("@", "%40", StringComparison.Ordinal)}",
            },
            Ranges = [new OsvRangeModel { Type = "ECOSYSTEM", Events = events }],
        };
    }

    private string Version(int major) => $"{major}.{random.Next(20)}.{random.Next(30)}";
}
