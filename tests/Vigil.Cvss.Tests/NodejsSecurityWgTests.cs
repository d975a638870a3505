using System.Text.Json;
using Vigil.Cvss.Tests.Support;

namespace Vigil.Cvss.Tests;

/// <summary>
/// The Node.js Security WG advisories (shared/data/nodejs-security-wg/vuln/npm/*.json, read in place)
/// store a <c>cvss_vector</c> and a <c>cvss_score</c>. Every stored score must equal our score of its
/// vector, except the entries below, whose stored score disagrees with the specification; they are
/// listed in docs/cvss.md and are the data's errors, not the calculator's.
/// </summary>
public class NodejsSecurityWgTests
{
    /// <summary>Advisory id → (stored score, specification score).</summary>
    private static readonly Dictionary<int, (double Stored, double Spec)> KnownWrongScores = new()
    {
        [363] = (9.3, 7.5),
        [364] = (9.3, 7.5),
        [365] = (8.8, 8.1),
        [366] = (9.8, 7.7),
        [367] = (2.5, 1.8),
        [368] = (2.5, 1.8),
        [373] = (8.3, 8.6),
        [381] = (8.6, 7.7),
        [383] = (8.6, 7.7),
        [384] = (8.6, 7.7),
        [385] = (8.6, 7.7),
        [386] = (8.6, 7.7),
        [389] = (9.3, 7.5),
        [420] = (9.5, 7.4),
        [439] = (9.3, 7.5),
        [467] = (6.0, 4.2),
        [468] = (6.1, 5.3),
        [485] = (7.5, 8.6),
        [493] = (7.0, 5.7),
        [494] = (6.1, 5.1),
        [515] = (9.3, 7.5),
        [516] = (7.4, 6.3),
    };

    /// <summary>Advisory id → the parse error of its invalid vector.</summary>
    private static readonly Dictionary<int, string> KnownInvalidVectors = new()
    {
        [504] = "metric 'I' has invalid value 'U' at position 37 (allowed: H, L, N)",
    };

    [Fact]
    public void CvssScore_EveryAdvisoryWithVector_AgreesExceptDocumentedErrors()
    {
        var directory = SharedData.Path("data", "nodejs-security-wg", "vuln", "npm");
        if (!Directory.Exists(directory))
        {
            Assert.Skip($"{directory} is absent; this test reads the Node.js Security WG advisories in place.");
        }

        var checkedCount = 0;
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            if (!root.TryGetProperty("cvss_vector", out var vector) || vector.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("cvss_score", out var stored) || stored.ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            checkedCount++;
            var id = root.GetProperty("id").GetInt32();
            if (!Cvss.TryParse(vector.GetString(), out var parsed, out var error))
            {
                if (KnownInvalidVectors.GetValueOrDefault(id) != error)
                {
                    problems.Add($"{id}: {vector.GetString()} does not parse: {error}");
                }

                continue;
            }

            var observed = (stored.GetDouble(), parsed.Score);
            var agrees = observed.Item1 == observed.Item2;
            if (agrees ? KnownWrongScores.ContainsKey(id) : KnownWrongScores.GetValueOrDefault(id) != observed)
            {
                problems.Add($"{id}: {vector.GetString()} stored {observed.Item1}, computed {observed.Item2}");
            }
        }

        Assert.True(checkedCount > 400,
            $"only {checkedCount} advisories with a vector and a score found in {directory}");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    // The vectors of the documented wrong entries, scored per the v3.0 specification (and FIRST's v3.0
    // calculator): this part needs no shared data.
    [Theory]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N", 7.7)]
    [InlineData("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L", 1.8)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N", 8.6)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:N/A:N", 7.4)]
    [InlineData("CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:C/C:L/I:L/A:N", 5.7)]
    public void BaseScore_VectorOfWrongWgEntry_FollowsSpecification(string vector, double baseScore)
    {
        Assert.Equal(baseScore, CvssV3Vector.Parse(vector).BaseScore);
    }
}
