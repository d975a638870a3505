using Vigil.Bench.AuditData;

// Generates the audit benchmark's inputs: N OSV advisories (bulk zip) and a package-lock.json v3.
// Usage: dotnet run -c Release -- OUTDIR [advisories=100000] [packages=2000] [seed=42]
//    or: dotnet run -c Release -- bucket OUTDIR [advisories=220000] [changed=1000] (the sync benchmark's source)
if (args.Length >= 2 && args[0] == "bucket")
{
    var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 220_000;
    var changed = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
    BucketWriter.Write(args[1], count, changed, 42);
    Console.WriteLine(
        $"wrote a {count}-record npm bucket to {args[1]}/v1 and the same with {changed} changed to {args[1]}/v2");
    return 0;
}
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Vigil.Bench.AuditData OUTDIR [advisories] [packages] [seed]");
    return 2;
}
var outDir = args[0];
var advisories = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var packages = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
var seed = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 42;
Directory.CreateDirectory(outDir);

var names = new PackageNames(new Random(seed), 30_000);
var generator = new AdvisoryGenerator(new Random(seed + 1), names);
var zipPath = Path.Combine(outDir, "all.zip");
generator.WriteZip(zipPath, advisories);
var projectDir = Path.Combine(outDir, "project");
Directory.CreateDirectory(projectDir);
new LockfileGenerator(new Random(seed + 2), names).Write(Path.Combine(projectDir, "package-lock.json"), packages);
Console.WriteLine($"wrote {advisories} advisories to {zipPath} and a {packages}-package lockfile to {projectDir}");
return 0;
