using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;

namespace Vigil.Core.Community;

/// <summary>
/// The bounty line of a SECURITY.md, from the program's bounty table (docs/bounties.md).
/// </summary>
public interface IProgramBountySummary
{
    /// <returns>Markdown for the "Bounty" section, or null when the program offers none.</returns>
    Task<string?> DescribeAsync(ProgramEntity program, CancellationToken cancellationToken);
}

/// <summary>The SECURITY.md of a program, or of one package in its scope (a package outside the scope: 404).</summary>
public sealed class GetSecurityPolicy(VigilDbContext db, IProgramBountySummary bounty)
{
    public async Task<string> ExecuteAsync(
        string slug,
        string? ecosystem,
        string? package,
        SecurityPolicyContacts contacts,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(ecosystem) != string.IsNullOrEmpty(package))
        {
            throw new ValidationFailedException("A package is named by its ecosystem and its name, both or neither.",
                new Dictionary<string, string[]>
                {
                    [string.IsNullOrEmpty(ecosystem) ? "ecosystem" : "package"] = [
                        "give both ecosystem and package, or neither."],
                });
        }
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken)
            ?? throw new NotFoundException($"No program '{slug}'.");
        if (!string.IsNullOrEmpty(ecosystem) && !ProgramPolicy.InScope(program, ecosystem, package!))
        {
            throw new NotFoundException($"The program '{slug}' does not cover the {ecosystem} package '{package}'.");
        }
        var bountySummary = await bounty.DescribeAsync(program, cancellationToken);
        var intake = await db.ProgramIntakeAddresses.AsNoTracking().Where(a => a.ProgramId == program.Id)
            .Select(a => a.Address).OrderBy(a => a).ToListAsync(cancellationToken);
        var key = await ProgramOpenPgpKeyView.FindAsync(db, program.Id, cancellationToken);
        return SecurityPolicyMarkdown.Write(
            program, NullIfEmpty(ecosystem), NullIfEmpty(package), contacts, bountySummary, intake, key);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
