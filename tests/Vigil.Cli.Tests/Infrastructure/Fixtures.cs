namespace Vigil.Cli.Tests.Infrastructure;

/// <summary>
/// Our own OSV test advisories (tests/Vigil.Cli.Tests/Fixtures/osv), copied beside the test assembly.
/// </summary>
public static class Fixtures
{
    public static string OsvDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "osv");

    public static string Osv(string id) => Path.Combine(OsvDirectory, id + ".json");

    /// <summary>Prototype pollution, CVSS 9.8: minimist &lt;0.2.4 || &gt;=1.0.0 &lt;1.2.6.</summary>
    public const string Critical = "GHSA-xvch-5gv4-984h";

    /// <summary>Prototype pollution, CVSS 5.6: minimist &lt;0.2.1 || &gt;=1.0.0 &lt;1.2.3.</summary>
    public const string Moderate = "GHSA-vh95-rmgr-6w4m";

    /// <summary>Made up, low: minimist &gt;=1.2.7 &lt;1.2.9, i.e. the samples' dev-only minimist 1.2.8.</summary>
    public const string DevOnly = "VIGIL-TEST-0001";
}
