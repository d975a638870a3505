namespace Vigil.Lockfiles.Tests;

public sealed class PackagesLockReaderTests
{
    private const string CentralLock = """
        {
          "version": 2,
          "dependencies": {
            "net8.0": {
              "Newtonsoft.Json": {"type": "Direct", "requested": "[13.0.1, )", "resolved": "13.0.1", "contentHash": "x"},
              "Serilog": {
                "type": "Direct", "requested": "[3.1.1, )", "resolved": "3.1.1", "contentHash": "x",
                "dependencies": {"System.Text.Json": "8.0.0"}
              },
              "System.Text.Json": {
                "type": "Transitive", "resolved": "8.0.0", "contentHash": "x",
                "dependencies": {"System.Text.Encodings.Web": "8.0.0"}
              },
              "System.Text.Encodings.Web": {"type": "Transitive", "resolved": "8.0.0", "contentHash": "x"},
              "mylib": {"type": "Project", "dependencies": {"Newtonsoft.Json": "[13.0.1, )", "Polly": "[8.0.0, )"}},
              "Polly": {"type": "CentralTransitive", "requested": "[8.0.0, )", "resolved": "8.0.0", "contentHash": "x"}
            },
            "net8.0/linux-x64": {
              "system.text.json": {"type": "Transitive", "resolved": "8.0.0", "contentHash": "x"}
            },
            "net6.0": {
              "Newtonsoft.Json": {"type": "Direct", "requested": "[13.0.1, )", "resolved": "13.0.1", "contentHash": "x"}
            }
          }
        }
        """;

    [Fact]
    public void Read_CentralPackageManagementLock_CollapsesFrameworksAndSkipsProjects()
    {
        var result = TestInput.Read("packages.lock.json", CentralLock);

        Assert.Equal("packages.lock.json v2", result.Format);
        Assert.Equal(
            [
                "Newtonsoft.Json@13.0.1 [Newtonsoft.Json, mylib>Newtonsoft.Json]",
                "Polly@8.0.0 [mylib>Polly]",
                "Serilog@3.1.1 [Serilog]",
                "System.Text.Encodings.Web@8.0.0 [Serilog>System.Text.Json>System.Text.Encodings.Web]",
                "System.Text.Json@8.0.0 [Serilog>System.Text.Json]",
            ],
            TestInput.Describe(result));
        Assert.All(result.Packages, p => Assert.Equal(PackageEcosystem.NuGet, p.Ecosystem));
    }

    [Fact]
    public void Read_TransitiveCycle_Terminates()
    {
        const string lockfile = """
            {"version": 1, "dependencies": {"net8.0": {
              "A": {"type": "Direct", "resolved": "1.0.0", "dependencies": {"B": "1.0.0"}},
              "B": {"type": "Transitive", "resolved": "1.0.0", "dependencies": {"a": "1.0.0"}}
            }}}
            """;

        Assert.Equal(["A@1.0.0 [A]", "B@1.0.0 [A>B]"],
            TestInput.Describe(TestInput.Read("packages.lock.json", lockfile)));
    }

    [Fact]
    public void Read_SameIdTwiceInOneFramework_Throws()
    {
        var error = TestInput.Fails("packages.lock.json",
            "{\"version\": 1, \"dependencies\": {\"net8.0\": {\n\"A\": {\"type\": \"Direct\", \"resolved\": "
                + "\"1.0.0\"},\n\"a\": {\"type\": \"Direct\", \"resolved\": \"2.0.0\"}}}}");

        Assert.Equal(3, error.Line);
    }
}
