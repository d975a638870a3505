using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// A tiny npm registry on a loopback port that package managers can install from: for each given package and
/// version, a packument and a real tarball (<c>package/package.json</c>, gzip'd tar) with its sha512 integrity.
/// Optional <c>dependencies</c> ("name@version" → name → spec) go into both. It lets a test run `pnpm install`
/// or `yarn install` with no network beyond loopback.
/// </summary>
public sealed class TarballRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, string[]> _packages;
    private readonly Dictionary<string, Dictionary<string, string>> _dependencies;
    private readonly Dictionary<string, byte[]> _tarballs = new(StringComparer.Ordinal);

    private TarballRegistry(WebApplication app, Dictionary<string, string[]> packages,
        Dictionary<string, Dictionary<string, string>> dependencies)
    {
        _app = app;
        _packages = packages;
        _dependencies = dependencies;
    }

    public string Url => LoopbackHttp.Root(_app);

    public static async Task<TarballRegistry> StartAsync(
        Dictionary<string, string[]> packages, CancellationToken cancellationToken,
        Dictionary<string, Dictionary<string, string>>? dependencies = null)
    {
        var app = LoopbackHttp.Create();
        var registry = new TarballRegistry(app, packages, dependencies ?? []);
        foreach (var (name, versions) in packages)
        {
            foreach (var version in versions)
            {
                registry._tarballs[$"{name}-{version}.tgz"] = Tarball(name, version,
                    registry.Dependencies(name, version));
            }
        }
        app.MapGet("/{name}", (string name) => registry.Packument(name));
        app.MapGet("/{name}/-/{file}", (string file) =>
            registry._tarballs.TryGetValue(file, out var bytes) ? Results.Bytes(bytes, "application/octet-stream")
                : Results.NotFound());
        await app.StartAsync(cancellationToken);
        return registry;
    }

    private JsonObject? Dependencies(string name, string version) =>
        _dependencies.TryGetValue($"{name}@{version}", out var specs)
            ? new JsonObject(specs.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)JsonValue.Create(d.Value))))
            : null;

    private IResult Packument(string name)
    {
        if (!_packages.TryGetValue(name, out var versions))
        {
            return Results.Json(new { error = "Not found" }, statusCode: 404);
        }
        var versionObjects = new JsonObject();
        var time = new JsonObject
        {
            ["created"] = "2020-01-01T00:00:00.000Z",
            ["modified"] = "2020-06-01T00:00:00.000Z"
        };
        var day = 0;
        foreach (var version in versions)
        {
            var tarball = _tarballs[$"{name}-{version}.tgz"];
            versionObjects[version] = new JsonObject
            {
                ["name"] = name,
                ["version"] = version,
                ["dist"] = new JsonObject
                {
                    ["tarball"] = $"{Url}/{name}/-/{name}-{version}.tgz",
                    ["shasum"] = Convert.ToHexStringLower(SHA1.HashData(tarball)),
                    ["integrity"] = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)),
                },
            };
            if (Dependencies(name, version) is { } dependencies)
            {
                versionObjects[version]!["dependencies"] = dependencies;
            }
            time[version] = new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddDays(day++)
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }
        return Results.Text(new JsonObject
        {
            ["name"] = name,
            ["dist-tags"] = new JsonObject { ["latest"] = versions[^1] },
            ["versions"] = versionObjects,
            ["time"] = time,
        }.ToJsonString(), "application/json", Encoding.UTF8);
    }

    private static byte[] Tarball(string name, string version, JsonObject? dependencies)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var manifest = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["name"] = name,
                ["version"] = version,
                ["license"] = "MIT",
                ["dependencies"] = dependencies ?? new JsonObject(),
            }.ToJsonString());
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "package/package.json")
            {
                DataStream = new MemoryStream(manifest),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = new DateTimeOffset(1985, 10, 26, 8, 15, 0, TimeSpan.Zero),
            };
            tar.WriteEntry(entry);
        }
        return output.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
