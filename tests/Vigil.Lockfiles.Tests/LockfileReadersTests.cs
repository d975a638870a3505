using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.NuGet;
using Vigil.Lockfiles.Pnpm;
using Vigil.Lockfiles.Yarn;

namespace Vigil.Lockfiles.Tests;

public sealed class LockfileReadersTests
{
    [Theory]
    [InlineData("package-lock.json", typeof(PackageLockReader))]
    [InlineData("npm-shrinkwrap.json", typeof(PackageLockReader))]
    [InlineData("/repo/web/package-lock.json", typeof(PackageLockReader))]
    [InlineData("yarn.lock", typeof(YarnLockReader))]
    [InlineData("pnpm-lock.yaml", typeof(PnpmLockReader))]
    [InlineData("packages.lock.json", typeof(PackagesLockReader))]
    [InlineData("package.json", null)]
    [InlineData("pnpm-lock.yml", null)]
    [InlineData("Cargo.lock", null)]
    public void For_FileName_ReturnsMatchingReader(string fileName, Type? expected)
    {
        Assert.Equal(expected, LockfileReaders.For(fileName)?.GetType());
    }

    [Fact]
    public void All_EachFormat_IsListedOnce()
    {
        Assert.Equal(
            ["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "packages.lock.json"],
            LockfileReaders.All.Select(r => r.Format));
    }

    [Theory]
    [InlineData(PackageEcosystem.Npm, "npm")]
    [InlineData(PackageEcosystem.NuGet, "NuGet")]
    public void ToOsvName_Ecosystem_ReturnsOsvSpelling(PackageEcosystem ecosystem, string expected)
    {
        Assert.Equal(expected, ecosystem.ToOsvName());
    }

    [Fact]
    public void Read_MissingFile_ThrowsLockfileException()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("missing", "package-lock.json");

        var error = Assert.Throws<LockfileException>(() => LockfileReaders.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Null(error.Line);
        Assert.StartsWith($"{path}: could not open the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnsupportedName_ThrowsLockfileException()
    {
        var error = Assert.Throws<LockfileException>(() => LockfileReaders.Read("Gemfile.lock"));

        Assert.Contains("not a supported lockfile name", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FindLockfiles_Tree_SkipsInstalledAndBuildFoldersAndSymlinks()
    {
        using var root = new TempDirectory("vigil-lockfiles-");
        foreach (var file in new[]
        {
            "package-lock.json", "web/yarn.lock", "web/node_modules/x/package-lock.json", ".git/pnpm-lock.yaml",
            "api/packages.lock.json", "api/bin/packages.lock.json", "api/obj/packages.lock.json", "docs/readme.md",
        })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root.Path, file))!);
            File.WriteAllText(Path.Combine(root.Path, file), "");
        }

        Directory.CreateSymbolicLink(Path.Combine(root.Path, "web", "loop"), root.Path);

        var found = LockfileReaders.FindLockfiles(root.Path)
            .Select(p => Path.GetRelativePath(root.Path, p).Replace('\\', '/'));

        Assert.Equal(["package-lock.json", "api/packages.lock.json", "web/yarn.lock"], found);
    }

    [Fact]
    public void LockfileException_Message_ReadsLikeACompilerError()
    {
        Assert.Equal("pnpm-lock.yaml:12:3: expected a mapping for 'packages'",
            new LockfileException("pnpm-lock.yaml", 12, 3, "expected a mapping for 'packages'").Message);
        Assert.Equal("yarn.lock:4: bad", new LockfileException("yarn.lock", 4, null, "bad").Message);
        Assert.Equal("yarn.lock: bad", new LockfileException("yarn.lock", null, null, "bad").Message);
    }
}
