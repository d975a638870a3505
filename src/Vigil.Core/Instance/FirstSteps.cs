using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Instance;

/// <summary>One thing a new instance still lacks, and the command that sets it up (docs/administration.md).</summary>
public sealed record FirstStep(string Key, string What, string Command);

/// <summary>
/// What an empty instance should do next, in order: import advisories, create the first administrator, create
/// the first disclosure program. The home page, the report form and the server's first log lines show the
/// steps still missing; a set-up instance shows none.
/// </summary>
public sealed class FirstSteps(VigilDbContext db)
{
    public static readonly FirstStep Import = new("import",
        "Import advisories: a checkout of the Node.js Security WG's vuln/ folder, or OSV data (a zip, a folder or one "
        + "file)",
        "vigil import path/to/security-wg/vuln");

    public static readonly FirstStep Admin = new("admin",
        "Create the first administrator (the password is printed once)",
        "vigil admin create-admin --email you@example.org");

    public static readonly FirstStep Program = new("program",
        "Create the first disclosure program, so reporters can send reports",
        "vigil admin program create npm-eco --name \"npm ecosystem\" --prefix NPMSEC --ecosystem npm");

    public async Task<IReadOnlyList<FirstStep>> MissingAsync(CancellationToken cancellationToken = default)
    {
        var missing = new List<FirstStep>();
        if (!await db.Advisories.AnyAsync(cancellationToken))
        {
            missing.Add(Import);
        }
        if (!await db.Users.AnyAsync(u => u.IsInstanceAdmin, cancellationToken))
        {
            missing.Add(Admin);
        }
        if (!await db.Programs.AnyAsync(cancellationToken))
        {
            missing.Add(Program);
        }
        return missing;
    }
}
