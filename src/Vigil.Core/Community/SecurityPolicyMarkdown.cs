using System.Text;
using System.Text.RegularExpressions;
using Vigil.Core.Programs;

namespace Vigil.Core.Community;

/// <summary>
/// Where reporters go: the instance's public URL, the e-mail fallback (null = none offered) and the fingerprint of
/// the instance's OpenPGP key for mail (null = none; the key is served at <c>/pgp-key.txt</c>).
/// </summary>
public sealed record SecurityPolicyContacts(string PublicUrl, string? Email, string? EncryptionKey = null);

/// <summary>
/// Writes a SECURITY.md (docs/community.md) for a program or one package in its scope: how to report, the
/// policy's deadlines and the bounty. The output has no date in it, so the same program gives the same file.
/// Names are written in code spans and the program's free-text name is escaped, so neither can inject Markdown.
/// </summary>
public static partial class SecurityPolicyMarkdown
{
    public static string Write(
        ProgramEntity program,
        string? ecosystem,
        string? package,
        SecurityPolicyContacts contacts,
        string? bountySummary,
        IReadOnlyList<string>? intakeAddresses = null,
        ProgramOpenPgpKeyView? programKey = null)
    {
        var name = Escape(program.Name);
        var link = $"{contacts.PublicUrl.TrimEnd('/')}/reports/new?program={Uri.EscapeDataString(program.Slug)}";
        var md = new StringBuilder();
        md.Append("# Security policy\n\n");
        if (package is not null && ecosystem is not null)
        {
            link += $"&ecosystem={Uri.EscapeDataString(ecosystem)}&package={Uri.EscapeDataString(package)}";
            md.Append(
                $"Security problems in the {ecosystem} package `{package}` are handled by the **{name}** disclosure "
                + "program.\n\n");
        }
        else
        {
            md.Append(
                $"Security problems in the packages covered by the **{name}** disclosure program (see Scope) are "
                + "handled as described here.\n\n");
        }
        md.Append("## Reporting a vulnerability\n\n");
        md.Append("Please do not report a vulnerability in a public issue, pull request or discussion.\n\n");
        md.Append($"Report it privately with the program's form: <{link}>\n\n");
        md.Append(
            "No account is needed. Only the program's team, and the maintainers they invite, see the report.\n\n");
        if (program.RequireProofOfConcept)
        {
            md.Append(
                "A report needs a proof of concept: a code block, shell commands or numbered steps to reproduce, at "
                + $"least {Reports.ProofOfConcept.MinLength} characters (in an e-mail, in the message). A report "
                + "without one is refused.\n\n");
        }
        foreach (var address in intakeAddresses ?? [])
        {
            md.Append($"You can also report by e-mail to <mailto:{address}>; you will be answered by e-mail.\n\n");
        }
        if (contacts.Email is { } email)
        {
            md.Append($"If you cannot use the form, write to <mailto:{email}>.\n\n");
        }
        if (programKey is not null && (intakeAddresses?.Count ?? 0) > 0)
        {
            // The program's own key opens mail to its addresses; the instance's key is not offered beside it.
            md.Append("To encrypt your e-mail, use the program's OpenPGP key ");
            var slug = Uri.EscapeDataString(program.Slug);
            md.Append($"<{contacts.PublicUrl.TrimEnd('/')}/programs/{slug}/pgp-key.txt> ");
            md.Append($"(fingerprint `{programKey.FingerprintForPeople}`).\n\n");
        }
        else if (contacts.EncryptionKey is { } key
            && ((intakeAddresses?.Count ?? 0) > 0 || contacts.Email is not null))
        {
            md.Append($"To encrypt your e-mail, use the OpenPGP key <{contacts.PublicUrl.TrimEnd('/')}/pgp-key.txt> ");
            md.Append($"(fingerprint `{key}`).\n\n");
        }
        md.Append("## What happens next\n\n");
        md.Append(
            "- The team answers your report (accepts it, rejects it, or asks for more information) within "
            + $"**{program.TriageBusinessDays} business {(program.TriageBusinessDays == 1 ? "day" : "days")}** "
            + $"({Escape(program.TimeZone)} time).\n");
        md.Append(
            $"- An accepted vulnerability is published as a public advisory at the latest **{program.PublicationDays} "
            + $"{(program.PublicationDays == 1 ? "day" : "days")}** after it was accepted, earlier at the disclosure "
            + "date agreed with the maintainers once a fix is released.\n");
        md.Append(
            $"- Advisories of this program have ids starting with `{program.AdvisoryIdPrefix}-`; they credit you by "
            + "the name you give in the report, if you give one.\n\n");
        md.Append("## Scope\n\n");
        if (program.ScopeEcosystems.Count == 0 && program.ScopePackages.Count == 0)
        {
            md.Append("- Every package.\n");
        }
        foreach (var scope in program.ScopeEcosystems)
        {
            md.Append($"- Every `{scope}` package.\n");
        }
        foreach (var scope in program.ScopePackages)
        {
            md.Append($"- `{scope}`\n");
        }
        md.Append("\n## Bounty\n\n");
        md.Append(bountySummary ?? "This program does not offer a bounty.");
        md.Append('\n');
        return md.ToString();
    }

    /// <summary>Backslash-escapes Markdown's punctuation (CommonMark § 2.4), so free text stays text.</summary>
    public static string Escape(string text) => Punctuation().Replace(text.ReplaceLineEndings(" "), @"\$0");

    [GeneratedRegex(@"[\\`*_{}\[\]()<>#+\-.!|~&]", RegexOptions.CultureInvariant)]
    private static partial Regex Punctuation();
}
