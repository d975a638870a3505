using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Cli.Commands.Admin;

/// <summary>
/// <c>vigil admin</c>: set up a fresh instance from the shell — the first administrator, programs, their
/// teams, package maintainers and API tokens. Secrets (a generated password, a token) are printed once.
/// </summary>
internal static class AdminCommand
{
    public static Command Create(CliConsole console) => new("admin", "Set up accounts, programs, teams and tokens")
    {
        CreateAdmin(console),
        new Command("user", "Accounts")
        {
            ListUsers(console), AccountLinkCommands.Confirm(console), AccountLinkCommands.ResetLink(console),
        },
        new Command("token", "API tokens") { CreateToken(console), RevokeToken(console) },
        new Command("program", "Disclosure programs") { CreateProgramCommand(console), AddMember(console) },
        new Command("maintainer", "Package maintainers") { AddMaintainer(console) },
        RotateMasterKeyCommand.Create(console),
        BackupCommands.Backup(console),
        BackupCommands.Restore(console),
        BackupCommands.Compare(console),
    };

    private static Command CreateAdmin(CliConsole console)
    {
        var email = new Option<string>("--email")
        {
            Required = true,
            Description = "The administrator's e-mail address (the sign-in name)",
        };
        var stdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input instead of generating one",
        };
        var database = new DatabaseOption();
        var command = new Command(
            "create-admin", "Create an instance administrator (or make an existing account one)")
        {
            email, stdin, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var address = parse.GetValue(email)!.Trim();
            var existing = await admin.Users.FindByEmailAsync(address);
            if (existing is not null)
            {
                existing.IsInstanceAdmin = true;
                Check(await admin.Users.UpdateAsync(existing));
                await console.Out.WriteLineAsync($"{address} is now an instance administrator.");
                if (!existing.EmailConfirmed)
                {
                    // Not confirmed here: whoever registered the address may not be its owner.
                    await console.Out.WriteLineAsync("Its e-mail address is not confirmed, so it cannot sign in "
                        + "yet: give its owner a link to set a password (vigil admin user reset-link).");
                }
                return ExitCodes.Success;
            }
            var generated = !parse.GetValue(stdin);
            var password = generated
                ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))
                : (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            var user = new VigilUser
            {
                UserName = address,
                Email = address,
                EmailConfirmed = true,
                IsInstanceAdmin = true,
                CreatedAt = admin.Time.GetUtcNow(),
            };
            Check(await admin.Users.CreateAsync(user, password));
            await console.Out.WriteLineAsync($"Created the administrator {address} ({user.Id}).");
            if (generated)
            {
                await console.Out.WriteLineAsync($"Password (shown once): {password}");
            }
            await console.Out.WriteLineAsync(
                "Sign in at /account/login and turn on two-factor authentication at /account/2fa.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListUsers(CliConsole console)
    {
        var database = new DatabaseOption();
        var command = new Command("list", "List accounts") { database };
        command.SetAction(async (parse, ct) =>
        {
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            foreach (var user in await admin.Db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
            {
                await console.Out.WriteLineAsync($"{user.Id}  {user.Email}  {(user.IsInstanceAdmin ? "admin" : "-")}  "
                    + $"2fa:{(user.TwoFactorEnabled ? "on" : "off")}  "
                    + $"{(user.EmailConfirmed ? "confirmed" : "unconfirmed")}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateToken(CliConsole console)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The account the token acts for" };
        var name = new Option<string>("--name") { Required = true, Description = "A name to recognise the token by" };
        var scopes = new Option<string[]>("--scope")
        {
            Required = true,
            Description = $"What it may do: {string.Join(", ", ApiScopes.All)} (repeatable)",
        };
        var days = new Option<int?>("--expires-days") { Description = "Lifetime in days (1–366); default: no expiry" };
        var database = new DatabaseOption();
        var command = new Command("create", "Create an API token; it is printed once")
        {
            email, name, scopes, days, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var user = await admin.UserAsync(parse.GetValue(email)!);
            var lifetime = parse.GetValue(days) is { } d ? TimeSpan.FromDays(d) : (TimeSpan?)null;
            var (secret, info) = await Run(() => admin.Get<ApiTokens>()
                .CreateAsync(user.Id, parse.GetValue(name)!, parse.GetValue(scopes)!, lifetime, ct));
            await console.Out.WriteLineAsync(
                $"Token {info.Id} ({string.Join(", ", info.Scopes)}) for {user.Email}, shown once:");
            await console.Out.WriteLineAsync(secret);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeToken(CliConsole console)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The token's account" };
        var id = new Argument<long>("ID") { Description = "The token's id (from its creation or GET /api/tokens)" };
        var database = new DatabaseOption();
        var command = new Command("revoke", "Revoke an API token") { id, email, database };
        command.SetAction(async (parse, ct) =>
        {
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var user = await admin.UserAsync(parse.GetValue(email)!);
            await Run(() => admin.Get<ApiTokens>().RevokeAsync(user.Id, parse.GetValue(id), ct));
            await console.Out.WriteLineAsync($"Token {parse.GetValue(id)} revoked.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateProgramCommand(CliConsole console)
    {
        var slug = new Argument<string>("SLUG") { Description = "URL name, e.g. npm-ecosystem" };
        var name = new Option<string>("--name") { Required = true, Description = "Display name" };
        var prefix = new Option<string>("--prefix")
        {
            Required = true,
            Description = "Advisory id prefix, e.g. NPMSEC",
        };
        var ecosystems = new Option<string[]>("--ecosystem")
        {
            Description = "An ecosystem in scope (npm, NuGet; repeatable)",
        };
        var packages = new Option<string[]>("--package")
        {
            Description = "A package in scope, ECOSYSTEM/NAME (repeatable)",
        };
        var zone = new Option<string?>("--time-zone")
        {
            Description = "IANA time zone for business days (default UTC)",
        };
        var holidays = new Option<string[]>("--holiday") { Description = "A holiday, YYYY-MM-DD (repeatable)" };
        var cves = new Option<string[]>("--reserved-cve")
        {
            Description = "A CVE id of the program's reserved block (repeatable)",
        };
        var database = new DatabaseOption();
        var command = new Command(
            "create", "Create a disclosure program (triage 2 business days, publication 45 days)")
        {
            slug, name, prefix, ecosystems, packages, zone, holidays, cves, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var settings = new ProgramSettings(
                ScopeEcosystems: parse.GetValue(ecosystems), ScopePackages: parse.GetValue(packages),
                TimeZone: parse.GetValue(zone),
                Holidays: parse.GetValue(holidays), ReservedCveIds: parse.GetValue(cves));
            var program = await Run(() => admin.Get<CreateProgram>().ExecuteAsync(
                parse.GetValue(slug)!, parse.GetValue(name)!, parse.GetValue(prefix)!, settings, ct));
            await console.Out.WriteLineAsync(
                $"Created the program '{program.Slug}': reports at POST /api/programs/{program.Slug}/reports.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command AddMember(CliConsole console)
    {
        var slug = new Argument<string>("SLUG") { Description = "The program" };
        var email = new Option<string>("--email") { Required = true, Description = "The member's account" };
        var role = new Option<string>("--role") { Description = "triager (default) or admin" };
        var database = new DatabaseOption();
        var command = new Command("add-member", "Put an account on a program's team") { slug, email, role, database };
        command.SetAction(async (parse, ct) =>
        {
            var roleName = parse.GetValue(role) ?? "triager";
            if (roleName is not ("triager" or "admin"))
            {
                throw new CliException($"--role: '{roleName}' is not triager or admin", ExitCodes.Usage);
            }
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var user = await admin.UserAsync(parse.GetValue(email)!);
            await Run(() => admin.Get<AddProgramMember>().ExecuteAsync(parse.GetValue(slug)!, user.Id,
                roleName == "admin" ? ProgramRole.Admin : ProgramRole.Triager, ct));
            await console.Out.WriteLineAsync($"{user.Email} is a {roleName} of '{parse.GetValue(slug)}'."
                + (user.TwoFactorEnabled
                    ? ""
                    : " They must turn on two-factor authentication before acting on reports."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command AddMaintainer(CliConsole console)
    {
        var ecosystem = new Argument<string>("ECOSYSTEM") { Description = "npm or NuGet" };
        var name = new Argument<string>("NAME") { Description = "The package" };
        var email = new Option<string?>("--email")
        {
            Description = "The maintainer's contact address (for invitations)",
        };
        var account = new Option<string?>("--account")
        {
            Description = "The maintainer's account e-mail, if they have one (recuses them from triaging the package)",
        };
        var program = new Option<string?>("--program")
        {
            Description = "The program the record belongs to; without it, an instance-wide link that recuses the "
                + "account in every program",
        };
        var database = new DatabaseOption();
        var command = new Command("add", "Record a package maintainer")
        {
            ecosystem, name, email, account, program, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var add = admin.Get<AddPackageMaintainer>();
            if (parse.GetValue(program) is { } slug)
            {
                await Run(() => add.ExecuteAsync(slug, Actor.System, parse.GetValue(ecosystem), parse.GetValue(name),
                    parse.GetValue(email), parse.GetValue(account), ct));
            }
            else
            {
                Guid? userId = parse.GetValue(account) is { } a ? (await admin.UserAsync(a)).Id : null;
                await Run(() => add.ExecuteAsync(
                    parse.GetValue(ecosystem)!, parse.GetValue(name)!, userId, parse.GetValue(email), ct));
            }
            await console.Out.WriteLineAsync(
                $"Recorded a maintainer of {parse.GetValue(ecosystem)}/{parse.GetValue(name)}"
                + $"{(parse.GetValue(program) is { } p ? $" in '{p}'" : " for every program")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Check(Microsoft.AspNetCore.Identity.IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new CliException(string.Join(" ", result.Errors.Select(e => e.Description)), ExitCodes.Usage);
        }
    }

    private static async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ValidationFailedException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
        catch (Exception e) when (e is ConflictException or NotFoundException)
        {
            throw new CliException(e.Message, ExitCodes.Failure);
        }
    }

    private static Task Run(Func<Task> action) => Run(async () => { await action(); return 0; });
}
