using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Vigil.Core.Accounts;

namespace Vigil.Cli.Commands.Admin;

/// <summary>
/// <c>vigil admin user confirm</c> and <c>reset-link</c>: how an instance without e-mail (no SMTP server set) still
/// lets people in. The administrator vouches for an address, or hands its owner a one-use link to set a password,
/// made on the shared database so the server accepts it.
/// </summary>
internal static class AccountLinkCommands
{
    public static Command Confirm(CliConsole console)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The account's e-mail address" };
        var database = new DatabaseOption();
        var command = new Command("confirm", "Mark an account's e-mail address as confirmed, so it can sign in")
        {
            email, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var user = await admin.UserAsync(parse.GetValue(email)!);
            var token = await admin.Users.GenerateEmailConfirmationTokenAsync(user);
            Check(await admin.Users.ConfirmEmailAsync(user, token));
            await AccountLinkTokenProvider.ConsumeAsync(
                admin.Users, user, UserManager<VigilUser>.ConfirmEmailTokenPurpose);
            await console.Out.WriteLineAsync($"{user.Email} is confirmed and can sign in with its password.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command ResetLink(CliConsole console)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The account's e-mail address" };
        var url = new Option<string>("--public-url")
        {
            Description = "The site's public address (default: http://localhost:8080)",
            DefaultValueFactory = _ => "http://localhost:8080",
        };
        var database = new DatabaseOption();
        var command = new Command(
            "reset-link", "Print a one-use link (one hour) for the account's owner to set a new password")
        {
            email, url, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var site)
                || site.Scheme is not ("http" or "https"))
            {
                throw new CliException(
                    $"--public-url: '{parse.GetValue(url)}' is not an http(s) address", ExitCodes.Usage);
            }
            await using var admin = await CliServices.OpenAsync(database, parse, console, ct);
            var user = await admin.UserAsync(parse.GetValue(email)!);
            var token = await admin.Users.GeneratePasswordResetTokenAsync(user);
            await console.Out.WriteLineAsync(
                $"Give this link to the owner of {user.Email} only; it works once, for one hour, "
                + "and confirms the address:");
            await console.Out.WriteLineAsync(
                new AccountLinks(site.AbsoluteUri).NewPassword(user.Id, token).AbsoluteUri);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new CliException(string.Join(" ", result.Errors.Select(e => e.Description)), ExitCodes.Failure);
        }
    }
}
