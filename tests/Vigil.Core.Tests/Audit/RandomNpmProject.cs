using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Core.Tests.Audit;

/// <summary>A seeded random npm project (package-lock v3) and advisories with every kind of npm range.</summary>
internal sealed class RandomNpmProject(int seed)
{
    private readonly Random _random = new(seed);

    public string WriteLockfile(string directory, int packages, IReadOnlyList<string> names)
    {
        var entries = new JsonObject { [""] = new JsonObject { ["name"] = "random-project", ["version"] = "1.0.0" } };
        var topLevel = new List<string>();
        while (entries.Count <= packages)
        {
            var name = names[_random.Next(names.Count)];
            var nested = topLevel.Count > 20 && _random.Next(4) == 0;
            var key = nested ? $"{topLevel[_random.Next(topLevel.Count)]}/node_modules/{name}" : $"node_modules/{name}";
            if (entries.ContainsKey(key))
            {
                continue;
            }
            var entry = new JsonObject { ["version"] = Version() };
            if (_random.Next(4) == 0)
            {
                entry["dev"] = true;
            }
            entries[key] = entry;
            if (!nested)
            {
                topLevel.Add(key);
            }
        }
        var root = new JsonObject
        {
            ["name"] = "random-project",
            ["version"] = "1.0.0",
            ["lockfileVersion"] = 3,
            ["requires"] = true,
            ["packages"] = entries
        };
        File.WriteAllText(Path.Combine(directory, "package-lock.json"), root.ToJsonString());
        File.WriteAllText(Path.Combine(directory, "package.json"), """{"name":"random-project","version":"1.0.0"}""");
        return directory;
    }

    public string Range() => _random.Next(8) == 0
        ? $"{Set()} || {Set()}"
        : Set();

    private string Set() => _random.Next(10) switch
    {
        0 => $"<{Version()}",
        1 => $"<={Version()}",
        2 => $">={Version()} <{Version()}",
        3 => $"~{Version()}",
        4 => $"^{Version()}",
        5 =>
            $"{_random.Next(4)}."
                + $"{(_random.Next(2) == 0 ? "x" : _random.Next(10).ToString(CultureInfo.InvariantCulture))}",
        6 => $"{Version()} - {Version()}",
        7 => $">= {Version()} <  {Version()}", // the sloppy spacing old registry data has
        8 => "*",
        _ => $"={Version()}",
    };

    public string Version()
    {
        var core = $"{_random.Next(4)}.{_random.Next(6)}.{_random.Next(6)}";
        return _random.Next(6) switch
        {
            0 => $"{core}-beta.{_random.Next(3)}",
            1 => $"{core}-rc{_random.Next(3)}",
            _ => core,
        };
    }
}
