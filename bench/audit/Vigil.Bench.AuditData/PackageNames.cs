namespace Vigil.Bench.AuditData;

/// <summary>A deterministic pool of real-looking npm package names (plain, hyphenated and scoped).</summary>
internal sealed class PackageNames
{
    private static readonly string[] Words =
    [
        "json", "parse", "http", "server", "client", "stream", "buffer", "path", "url", "query", "string",
        "deep", "merge", "extend", "clone", "object", "array", "util", "utils", "core", "fast", "tiny",
        "mini", "micro", "express", "koa", "react", "vue", "angular", "webpack", "babel", "eslint", "plugin",
        "loader", "config", "env", "dot", "prop", "types", "yaml", "xml", "csv", "markdown", "sanitize",
        "html", "escape", "template", "engine", "cookie", "session", "auth", "jwt", "token", "crypto",
        "hash", "uuid", "random", "date", "time", "moment", "format", "color", "chalk", "log", "logger",
        "debug", "mime", "type", "file", "fs", "glob", "match", "minimatch", "semver", "version", "node",
        "fetch", "request", "proxy", "agent", "socket", "ws", "io", "redis", "mongo", "sql", "orm", "db",
        "cache", "lru", "queue", "worker", "cluster", "cli", "args", "yargs", "command", "prompt", "zip",
        "tar", "gzip", "compress", "image", "resize", "pdf", "mail", "smtp", "validator", "schema", "ajv",
        "lodash", "underscore", "async", "promise", "retry", "throttle", "debounce", "event", "emitter",
        "router", "middleware", "body", "parser", "multipart", "upload", "static", "serve", "cors", "helmet",
    ];

    private static readonly string[] Scopes = ["@acme", "@types", "@babel", "@vue", "@aws-sdk", "@nestjs", "@octo"];

    public PackageNames(Random random, int count)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (set.Count < count)
        {
            var parts = random.Next(4) switch
            {
                0 => Pick(random, 1),
                1 or 2 => Pick(random, 2),
                _ => Pick(random, 3),
            };
            var name = string.Join('-', parts);
            if (random.Next(10) == 0)
            {
                name = $"{Scopes[random.Next(Scopes.Length)]}/{name}";
            }
            set.Add(name);
        }
        All = [.. set];
    }

    public IReadOnlyList<string> All { get; }

    public string Any(Random random) => All[random.Next(All.Count)];

    private static string[] Pick(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)]).ToArray();
}
