namespace Vigil.Lockfiles.Tests;

public sealed class PackageLockReaderTests
{
    [Fact]
    public void Read_WorkspaceWithLinksAndNonRegistryEntries_ReportsOnlyRegistryPackages()
    {
        const string lockfile = """
            {"lockfileVersion": 3, "packages": {
              "": {"name": "mono", "workspaces": ["packages/*"]},
              "node_modules/app": {"resolved": "packages/app", "link": true},
              "packages/app": {"name": "app", "version": "1.0.0", "dependencies": {"lodash": "^4.0.0"}, "devDependencies": {"tar": "*"}},
              "node_modules/lodash": {"version": "4.17.20", "resolved": "https://registry.example/lodash/-/lodash-4.17.20.tgz"},
              "node_modules/gitdep": {"version": "1.0.0", "resolved": "git+ssh://git@github.com/x/gitdep.git#abc"},
              "node_modules/tar": {"version": "1.0.0", "resolved": "file:../tar-1.0.0.tgz", "dev": true}
            }}
            """;

        var result = TestInput.Read("package-lock.json", lockfile);

        Assert.Equal(["lodash@4.17.20 [packages/app>lodash]"], TestInput.Describe(result));
        Assert.Equal(["gitdep git+ssh://git@github.com/x/gitdep.git#abc", "tar file:../tar-1.0.0.tgz"],
            TestInput.DescribeSkipped(result));
    }

    [Theory]
    [InlineData("\"dev\": true", true, false)]
    [InlineData("\"optional\": true", false, true)]
    [InlineData("\"dev\": true, \"optional\": true", true, true)]
    // devOptional: installed by a production install that includes optional dependencies, so neither flag.
    [InlineData("\"devOptional\": true", false, false)]
    [InlineData("\"peer\": true", false, false)]
    public void Read_NpmFlags_MapToDevAndOptional(string flags, bool dev, bool optional)
    {
        var lockfile = $$$"""
            {"lockfileVersion": 3, "packages": {
              "": {"dependencies": {"a": "1"}},
              "node_modules/a": {"version": "1.0.0", {{{flags}}}}
            }}
            """;

        var package = Assert.Single(TestInput.Read("package-lock.json", lockfile).Packages);

        Assert.Equal((dev, optional), (package.Dev, package.Optional));
    }

    [Fact]
    public void Read_HoistedAndNestedCopies_PathsFollowNodeResolutionNotFolders()
    {
        // a needs b@1 (nested under a) and c (hoisted); b@2 is the project's own; c appears twice.
        const string lockfile = """
            {"lockfileVersion": 2, "packages": {
              "": {"dependencies": {"a": "1", "b": "2"}, "devDependencies": {"d": "1"}},
              "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "1", "c": "1"}},
              "node_modules/a/node_modules/b": {"version": "1.0.0"},
              "node_modules/b": {"version": "2.0.0", "dependencies": {"a": "1"}},
              "node_modules/c": {"version": "1.0.0"},
              "node_modules/d": {"version": "1.0.0", "dev": true, "dependencies": {"c": "1"}},
              "node_modules/d/node_modules/c": {"version": "1.0.0", "dev": true},
              "node_modules/orphan": {"version": "1.0.0", "extraneous": true}
            }}
            """;

        var result = TestInput.Read("npm-shrinkwrap.json", lockfile);

        Assert.Equal("npm-shrinkwrap.json v2", result.Format);
        Assert.Equal(
            [
                "a@1.0.0 [a, b>a]",
                "b@1.0.0 [a>b, b>a>b]",
                "b@2.0.0 [b]",
                "c@1.0.0 [a>c, d>c, b>a>c]",
                "d@1.0.0 dev [d]",
                "orphan@1.0.0 [orphan]",
            ],
            TestInput.Describe(result));
    }

    [Fact]
    public void Read_V1Alias_YieldsTheRealNameAndTheAliasAsPath()
    {
        const string lockfile = """
            {"lockfileVersion": 1, "dependencies": {
              "ms-alias": {"version": "npm:ms@2.0.0", "resolved": "https://registry.example/ms/-/ms-2.0.0.tgz"},
              "@scope/x-alias": {"version": "npm:@scope/x@1.0.0"},
              "gitdep": {"version": "git+https://github.com/x/gitdep.git#abc"}
            }}
            """;

        var result = TestInput.Read("package-lock.json", lockfile);

        Assert.Equal(["@scope/x@1.0.0 [@scope/x-alias]", "ms@2.0.0 [ms-alias]"], TestInput.Describe(result));
        Assert.Equal(["gitdep git+https://github.com/x/gitdep.git#abc"], TestInput.DescribeSkipped(result));
    }

    [Fact]
    public void Read_DependencyCycle_Terminates()
    {
        const string lockfile = """
            {"lockfileVersion": 3, "packages": {
              "": {"dependencies": {"a": "1"}},
              "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "1"}},
              "node_modules/b": {"version": "1.0.0", "dependencies": {"a": "1"}}
            }}
            """;

        Assert.Equal(["a@1.0.0 [a]", "b@1.0.0 [a>b]"],
            TestInput.Describe(TestInput.Read("package-lock.json", lockfile)));
    }
}
