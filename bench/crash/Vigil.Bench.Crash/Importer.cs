using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Crash;

/// <summary>
/// The import writer: <c>vigil import</c> of a few new OSV documents into the same database while the server runs,
/// killed with it. Acknowledged when the command exits 0 (it has then committed every record it reported).
/// </summary>
internal static class Importer
{
    public const int PerCycle = 3;

    public static (string Folder, IReadOnlyList<string> Ids) Write(string work, string runId, int cycle)
    {
        var folder = Path.Combine(work, "imports", $"cycle-{cycle}");
        Directory.CreateDirectory(folder);
        var ids = new List<string>();
        for (var k = 0; k < PerCycle; k++)
        {
            var id = Id(runId, cycle, k);
            ids.Add(id);
            var document = new JsonObject
            {
                ["schema_version"] = "1.7.5",
                ["id"] = id,
                ["modified"] = "2026-01-01T00:00:00Z",
                ["published"] = "2026-01-01T00:00:00Z",
                ["summary"] = $"Crash harness import {cycle}-{k}",
                ["details"] = "Made up by the crash harness; it describes no real vulnerability.",
                ["affected"] = new JsonArray(new JsonObject
                {
                    ["package"] = new JsonObject { ["ecosystem"] = "npm", ["name"] = Package(id) },
                    ["ranges"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "SEMVER",
                        ["events"] = new JsonArray(
                            new JsonObject { ["introduced"] = "0" }, new JsonObject { ["fixed"] = "1.0.1" }),
                    }),
                }),
            };
            File.WriteAllText(Path.Combine(folder, id + ".json"), document.ToJsonString());
        }
        return (folder, ids);
    }

    public static string Id(string runId, int cycle, int k) => $"VCRASH-{runId}-{cycle}-{k}";

    public static string Package(string advisoryId) => "crash-import-" + advisoryId.ToLowerInvariant();

    public static Process Start(string vigil, string folder, string database, TextWriter log)
    {
        var start = new ProcessStartInfo(vigil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "import", folder, "--database", database })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {vigil} import");
        process.OutputDataReceived += (_, e) => Log(log, process, e.Data);
        process.ErrorDataReceived += (_, e) => Log(log, process, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Log(TextWriter log, Process process, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine($"[import {process.Id}] {line}");
            }
        }
    }
}
