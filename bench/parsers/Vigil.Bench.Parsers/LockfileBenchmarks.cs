using System.Text;
using BenchmarkDotNet.Attributes;
using Vigil.Lockfiles;

namespace Vigil.Bench.Parsers;

/// <summary>
/// Reading a 2,000-package lockfile of each format (the size of the audit benchmark's lockfile, whose whole
/// audit has a 300 ms budget), and the dependency paths of every package in it.
/// </summary>
[MemoryDiagnoser]
[InProcessThroughputJob]
[MedianColumn]
public class LockfileBenchmarks
{
    private byte[] _content = [];
    private byte[] _packageJson = [];

    [Params("package-lock.json", "pnpm-lock.yaml", "yarn.lock")]
    public string Format { get; set; } = "package-lock.json";

    [GlobalSetup]
    public void Setup()
    {
        var text = Format switch
        {
            "package-lock.json" => GeneratedLockfiles.PackageLock(2000),
            "pnpm-lock.yaml" => GeneratedLockfiles.PnpmLock(2000),
            _ => GeneratedLockfiles.YarnLock(2000),
        };
        _content = Encoding.UTF8.GetBytes(text);
        _packageJson = Encoding.UTF8.GetBytes(GeneratedLockfiles.PackageJson());
        if (Read().Packages.Count != 2000)
        {
            throw new InvalidOperationException($"{Format}: the generated lockfile did not read as 2,000 packages");
        }
    }

    [Benchmark]
    public int Read2000Packages() => Read().Packages.Count;

    [Benchmark]
    public int Read2000PackagesWithPaths() => Read().Packages.Sum(p => p.Paths.Count());

    private Lockfile Read()
    {
        var reader = LockfileReaders.For(Format) ?? throw new InvalidOperationException($"no reader for {Format}");
        var options = LockfileReadOptions.Default with
        {
            OpenSiblingFile = name => name == "package.json" ? new MemoryStream(_packageJson) : null,
        };
        return reader.Read(Format, new MemoryStream(_content), options);
    }
}
