namespace Vigil.Bench.ProgramYear;

/// <summary>
/// The reports' words. Only their length and form matter to the use cases; the triager's minutes are modelled.
/// </summary>
internal static class Texts
{
    public static string Title(SimReport report) => report.Kind switch
    {
        ReportKind.Spam => "URGENT security issue pls check",
        ReportKind.OutOfScope => $"{report.Package.Name}: missing rate limit on the project's website",
        ReportKind.AiWrittenNoPoc => $"Critical Remote Code Execution Vulnerability in {report.Package.Name}",
        _ => $"Prototype pollution in {report.Package.Name} merge()",
    };

    public static string Description(SimReport report) => report.Kind switch
    {
        ReportKind.Spam => "Your site is vulnerable. Contact me for details and a bounty.",
        ReportKind.OutOfScope => "The project's homepage has no rate limit on its contact form.",
        ReportKind.AiWrittenNoPoc => string.Concat(Enumerable.Repeat(
            $"A thorough analysis of {report.Package.Name} reveals that an attacker could potentially exploit "
            + "insufficient input validation, leading to severe consequences including remote code execution, "
            + "data exfiltration and denial of service. ", 12)),
        _ => $"merge() in {report.Package.Name} copies __proto__ from untrusted input, polluting Object.prototype.",
    };

    public static string? ProofOfConcept(SimReport report) => report.Kind switch
    {
        ReportKind.Spam or ReportKind.OutOfScope => null,
        ReportKind.AiWrittenNoPoc => "1. Install the package.\n2. Exploit the vulnerability.\n3. Observe the impact.",
        _ => $"const m = require('{report.Package.Name}');\nm.merge({{}}, "
            + $"JSON.parse('{{\"__proto__\":{{\"polluted\":1}}}}'));\nconsole.log({{}}.polluted);",
    };
}
