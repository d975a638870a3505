using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Bench.Semver;
using Vigil.Versioning.Npm;

// Benchmark (a): our satisfies vs node-semver 7.8.5 on the same pairs. Driven by bench/semver/run.sh:
//   write-pairs <pairs.json> [GENERATED-npm-audit-satisfies.json]
//   bench <pairs.json> <node-results.json>
if (args is ["write-pairs", var output, ..])
{
    var pairs = PairSet.Build(args.Length > 2 ? args[2] : null);
    PairSet.Write(output, pairs);
    Console.WriteLine($"{pairs.Count} pairs written to {output}");
    return 0;
}

if (args is not ["bench", var pairsPath, var nodeResultsPath])
{
    Console.Error.WriteLine(
        "usage: write-pairs <pairs.json> [generated.json] | bench <pairs.json> <node-results.json>");
    return 2;
}

var all = PairSet.Read(pairsPath);
var node = JsonNode.Parse(File.ReadAllText(nodeResultsPath))!.AsObject();
Console.WriteLine($"{all.Count} (range, version) pairs; median of {Measure.Rounds} rounds; ns per satisfies() call");
Console.WriteLine($"{"scenario",-58} {"options",-8} {"ops",6} {"Vigil ns",9} {"node ns",9} {"node/Vigil",10}");
foreach (var (label, options) in new[] { ("default", NpmSemverOptions.Default), ("audit", NpmSemverOptions.NpmAudit) })
{
    // Ranges parsed once, as node's `new Range(r, opts)` outside the loop; pairs with invalid ranges are left out
    // on both sides.
    var valid = all.Select(p => (Range: NpmRange.TryParse(p.Range, options, out var r) ? r : null, p.Version))
        .Where(p => p.Range is not null).Select(p => (Range: p.Range!, p.Version)).ToArray();
    var parsedVersions = valid.Select(p => NpmVersion.TryParse(p.Version, options, out var v) ? v : null).ToArray();
    var both = valid.Zip(parsedVersions)
        .Where(x => x.Second is not null)
        .Select(x => (x.First.Range, Version: x.Second!))
        .ToArray();

    Report("Range pre-parsed, version string: range.test(v)", label, valid.Length, node, () =>
    {
        int hits = 0;
        foreach (var (range, version) in valid)
        {
            hits += range.IsSatisfiedBy(version) ? 1 : 0;
        }

        return hits;
    });
    Report("Range and version pre-parsed: range.test(semver)", label, both.Length, node, () =>
    {
        int hits = 0;
        foreach (var (range, version) in both)
        {
            hits += range.IsSatisfiedBy(version) ? 1 : 0;
        }

        return hits;
    });
    Report("satisfies(v, r, opts) from strings (range cache)", label, all.Count, node, () =>
    {
        int hits = 0;
        foreach (var (range, version) in all)
        {
            hits += NpmSemver.Satisfies(version, range, options) ? 1 : 0;
        }

        return hits;
    });
}

return 0;

static void Report(string scenario, string options, int ops, JsonObject node, Func<int> pass)
{
    double ours = Measure.MedianNsPerOp(ops, pass);
    double theirs = node[$"{scenario}|{options}"]?.GetValue<double>() ?? double.NaN;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scenario,-58} {options,-8} {ops,6} {ours,9:F1} {theirs,9:F1} {theirs / ours,9:F1}x"));
}
