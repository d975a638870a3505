using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Bench.AuditData;

/// <summary>
/// Writes a package-lock.json v3 with a realistic mix of top-level, nested, dev and optional packages.
/// </summary>
internal sealed class LockfileGenerator(Random random, PackageNames names)
{
    public void Write(string path, int count)
    {
        var packages = new JsonObject
        {
            [""] = new JsonObject { ["name"] = "bench-project", ["version"] = "1.0.0" },
        };
        var topLevel = new List<string>();
        while (packages.Count <= count)
        {
            var name = names.Any(random);
            var nested = topLevel.Count > 50 && random.Next(5) == 0;
            var key = nested
                ? $"{topLevel[random.Next(topLevel.Count)]}/node_modules/{name}"
                : $"node_modules/{name}";
            if (packages.ContainsKey(key))
            {
                continue;
            }
            var entry = new JsonObject
            {
                ["version"] = $"{random.Next(7)}.{random.Next(25)}.{random.Next(35)}",
                ["resolved"] = $"https://registry.example/{name}/-/{name.Split('/')[^1]}.tgz",
                ["integrity"] = "sha512-AAAA",
            };
            if (random.Next(4) == 0)
            {
                entry["dev"] = true;
            }
            else if (random.Next(20) == 0)
            {
                entry["optional"] = true;
            }
            packages[key] = entry;
            if (!nested)
            {
                topLevel.Add(key);
            }
        }
        var root = new JsonObject
        {
            ["name"] = "bench-project",
            ["version"] = "1.0.0",
            ["lockfileVersion"] = 3,
            ["requires"] = true,
            ["packages"] = packages,
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
