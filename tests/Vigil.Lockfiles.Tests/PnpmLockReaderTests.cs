namespace Vigil.Lockfiles.Tests;

public sealed class PnpmLockReaderTests
{
    [Fact]
    public void Read_Version5Keys_YieldsNamesVersionsAliasesAndPeers()
    {
        const string lockfile = """
            lockfileVersion: 5.4

            specifiers:
              mkdirp: 0.5.1
              ms-alias: npm:ms@2.0.0

            dependencies:
              mkdirp: 0.5.1
              ms-alias: /ms/2.0.0
              react-dom: 18.2.0_react@18.2.0

            devDependencies:
              '@types/node': 20.1.0

            packages:

              /mkdirp/0.5.1:
                resolution: {integrity: sha512-x}
                dependencies:
                  minimist: 0.0.8
                dev: false

              /minimist/0.0.8:
                resolution: {integrity: sha512-x}
                dev: false

              /ms/2.0.0:
                resolution: {integrity: sha512-x}
                dev: false

              /react-dom/18.2.0_react@18.2.0:
                resolution: {integrity: sha512-x}
                dev: false

              /@types/node/20.1.0:
                resolution: {integrity: sha512-x}
                dev: true
            """;

        var result = TestInput.Read("pnpm-lock.yaml", lockfile);

        Assert.Equal("pnpm-lock.yaml v5.4", result.Format);
        Assert.Equal(
            [
                "@types/node@20.1.0 dev [@types/node]",
                "minimist@0.0.8 [mkdirp>minimist]",
                "mkdirp@0.5.1 [mkdirp]",
                "ms@2.0.0 [ms-alias]",
                "react-dom@18.2.0 [react-dom]",
            ],
            TestInput.Describe(result));
    }

    [Fact]
    public void Read_Version9Workspace_PrefixesImporterAndSkipsLinksAndTarballs()
    {
        const string lockfile = """
            lockfileVersion: '9.0'

            importers:
              .:
                dependencies:
                  app:
                    specifier: workspace:*
                    version: link:packages/app
                  gitdep:
                    specifier: github:x/gitdep
                    version: https://codeload.github.com/x/gitdep/tar.gz/abc
              packages/app:
                dependencies:
                  a:
                    specifier: ^1.0.0
                    version: 1.0.0
                devDependencies:
                  c:
                    specifier: ^1.0.0
                    version: 1.0.0

            packages:
              a@1.0.0: {resolution: {integrity: x}}
              b@1.0.0: {resolution: {integrity: x}}
              c@1.0.0: {resolution: {integrity: x}}
              fsevents@2.3.3: {resolution: {integrity: x}}
              gitdep@https://codeload.github.com/x/gitdep/tar.gz/abc:
                resolution: {tarball: https://codeload.github.com/x/gitdep/tar.gz/abc}
                version: 1.0.0

            snapshots:
              a@1.0.0:
                dependencies:
                  b: 1.0.0
                optionalDependencies:
                  fsevents: 2.3.3
              b@1.0.0:
                dependencies:
                  a: 1.0.0
              c@1.0.0:
                dependencies:
                  b: 1.0.0
              fsevents@2.3.3:
                optional: true
              gitdep@https://codeload.github.com/x/gitdep/tar.gz/abc: {}
            """;

        var result = TestInput.Read("pnpm-lock.yaml", lockfile);

        Assert.Equal(
            [
                "a@1.0.0 [packages/app>a, packages/app>c>b>a]",
                "b@1.0.0 [packages/app>a>b, packages/app>c>b]",
                "c@1.0.0 dev [packages/app>c]",
                "fsevents@2.3.3 optional [packages/app>a>fsevents, packages/app>c>b>a>fsevents]",
            ],
            TestInput.Describe(result));
        Assert.Equal(["gitdep gitdep@https://codeload.github.com/x/gitdep/tar.gz/abc"],
            TestInput.DescribeSkipped(result));
    }

    [Fact]
    public void Read_TwoDocuments_ReportsPackagesOfTheEnvDocumentToo()
    {
        // pnpm 11+ writes an "env" document (pnpm itself, config dependencies) before the project's.
        const string lockfile = """
            ---
            lockfileVersion: '9.0'

            importers:

              .:
                configDependencies: {}
                packageManagerDependencies:
                  pnpm:
                    specifier: 12.0.0
                    version: 12.0.0

            packages:

              pnpm@12.0.0:
                resolution: {integrity: x}

            snapshots:

              pnpm@12.0.0: {}

            ---
            lockfileVersion: '9.0'

            importers:

              .:
                dependencies:
                  is-odd:
                    specifier: 3.0.1
                    version: 3.0.1

            packages:

              is-odd@3.0.1:
                resolution: {integrity: x}

            snapshots:

              is-odd@3.0.1: {}
            """;

        var result = TestInput.Read("pnpm-lock.yaml", lockfile);

        Assert.Equal(["is-odd@3.0.1 [is-odd]", "pnpm@12.0.0 [pnpm]"], TestInput.Describe(result));
    }

    [Fact]
    public void Read_NoPackages_YieldsEmptyList()
    {
        var result = TestInput.Read("pnpm-lock.yaml", "lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n");

        Assert.Equal("pnpm-lock.yaml v9.0", result.Format);
        Assert.Empty(result.Packages);
    }
}
