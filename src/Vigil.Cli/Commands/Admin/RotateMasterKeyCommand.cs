using System.CommandLine;
using System.Security.Cryptography;
using Vigil.Core.Reports;

namespace Vigil.Cli.Commands.Admin;

/// <summary>
/// <c>vigil admin rotate-master-key</c>: re-wraps every report key with a new master key (docs/disclosure.md,
/// "Encryption at rest").
/// </summary>
internal static class RotateMasterKeyCommand
{
    public static Command Create(CliConsole console)
    {
        var current = new Option<string?>("--current-key-file")
        {
            Description = "The key file in use (default: vigil-master.key beside the SQLite database)",
        };
        var next = new Option<string>("--new-key-file")
        {
            Required = true,
            Description = "The new key file; created with a random key (mode 0600) if it does not exist",
        };
        var database = new DatabaseOption();
        var command = new Command(
            "rotate-master-key", "Re-wrap every report's key with a new master key (stop the servers first)")
        {
            current, next, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = database.Target(parse, console);
            var newFile = Path.GetFullPath(parse.GetValue(next)!);
            var currentFile = parse.GetValue(current) ?? (target.SqliteFile() is { } sqlite
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite)) ?? ".", ReportVaultOptions.KeyFileName)
                : throw new CliException("--current-key-file is required on PostgreSQL.", ExitCodes.Usage));
            if (!File.Exists(currentFile))
            {
                throw new CliException($"--current-key-file: '{currentFile}' does not exist.", ExitCodes.Usage);
            }
            var currentVault = Vault(
                new ReportVaultOptions { MasterKeyFile = currentFile }, target, "--current-key-file");
            ReportVaultOptions.CreateKeyFile(newFile);
            var newVault = Vault(new ReportVaultOptions { MasterKeyFile = newFile }, target, "--new-key-file");
            await using var services = await CliServices.OpenAsync(database, parse, console, ct);
            int rotated;
            try
            {
                rotated = await services.Get<RotateMasterKey>().ExecuteAsync(currentVault, newVault, ct);
            }
            catch (CryptographicException e)
            {
                throw new CliException(
                    $"nothing was changed: {e.Message} Give the key in use with --current-key-file.",
                    ExitCodes.Failure);
            }
            await console.Out.WriteLineAsync($"Re-wrapped the keys of {rotated} report(s) with the key in {newFile}.");
            await console.Out.WriteLineAsync("Now start the servers with Vigil:Reports:MasterKeyFile set to that "
                + "file (or move it over the old one), and keep a copy of it with your backups.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static ReportVault Vault(ReportVaultOptions options, Core.Data.DatabaseTarget target, string option)
    {
        try
        {
            return options.CreateVault(target);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"{option}: {e.Message}", ExitCodes.Usage);
        }
    }
}
