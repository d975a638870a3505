using Xunit;

namespace Vigil.Testing;

/// <summary>
/// The real GnuPG in a home directory of its own (deleted on dispose): makes keys, exports them and encrypts
/// as a researcher's mail client would. Skips the test when <c>gpg</c> is not installed (.ci/run installs it).
/// </summary>
public sealed class GnuPG : IDisposable
{
    private const string Gpg = "/usr/bin/gpg";
    private readonly string _home = Directory.CreateTempSubdirectory("vigil-gpg-").FullName;

    public string Home => _home;

    /// <summary>Runs gpg with this home; fails the test with gpg's output when it exits non-zero.</summary>
    public async Task<string> RunAsync(params string[] args)
    {
        if (!File.Exists(Gpg))
        {
            Assert.Skip("GnuPG (/usr/bin/gpg) is not installed; .ci/run installs it (apt-get install gnupg).");
        }
        var result = await TryRunAsync(args);
        Assert.True(result.ExitCode == 0, $"gpg {string.Join(' ', args)}: {result.Stderr}");
        return result.Stdout;
    }

    /// <summary>Runs gpg with this home and returns its result, whatever the exit code.</summary>
    public Task<ChildProcess.Result> TryRunAsync(params string[] args) =>
        ChildProcess.RunAsync(Gpg, ["--homedir", _home, "--batch", .. args], TimeSpan.FromMinutes(2));

    /// <summary>
    /// A new RSA key for <paramref name="userId"/> (primary key certifies and signs, a subkey encrypts); returns
    /// its fingerprint. With <paramref name="passphrase"/>, the secret key is protected by it.
    /// </summary>
    public async Task<string> NewKeyAsync(string userId, string? passphrase = null)
    {
        await RunAsync("--pinentry-mode", "loopback", "--passphrase", passphrase ?? "",
            "--quick-gen-key", userId, "rsa3072", "sign", "never");
        var fingerprint = Fingerprint(await RunAsync("--with-colons", "--list-secret-keys", userId));
        await RunAsync("--pinentry-mode", "loopback", "--passphrase", passphrase ?? "",
            "--quick-add-key", fingerprint, "rsa3072", "encr", "never");
        return fingerprint;
    }

    /// <summary>The secret key, ASCII-armored, written to a file in this home; returns the file's path.</summary>
    public async Task<string> ExportSecretKeyAsync(string fingerprint, string? passphrase = null)
    {
        var armored = await RunAsync("--pinentry-mode", "loopback", "--passphrase", passphrase ?? "",
            "--armor", "--export-secret-keys", fingerprint);
        var file = Path.Combine(_home, $"{fingerprint}.secret.asc");
        await File.WriteAllTextAsync(file, armored);
        return file;
    }

    /// <summary>
    /// <paramref name="clear"/> encrypted to <paramref name="recipient"/> (ASCII-armored), signed by
    /// <paramref name="signer"/> when given, as <c>gpg --encrypt</c> makes it.
    /// </summary>
    public async Task<string> EncryptAsync(byte[] clear, string recipient, string? signer = null)
    {
        var input = Path.Combine(_home, $"clear-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(input, clear);
        string[] sign = signer is null
            ? []
            : ["--sign", "--local-user", signer, "--pinentry-mode", "loopback", "--passphrase", ""];
        return await RunAsync(["--trust-model", "always", "--armor", "--encrypt", "--recipient", recipient, .. sign,
            "--output", "-", input]);
    }

    /// <summary>The public key, ASCII-armored, as <c>gpg --armor --export</c> writes it.</summary>
    public Task<string> ExportPublicKeyAsync(string fingerprint) => RunAsync("--armor", "--export", fingerprint);

    /// <summary><paramref name="text"/> with a cleartext signature of <paramref name="signer"/> (<c>--clearsign</c>).
    /// </summary>
    public async Task<string> ClearSignAsync(string text, string signer) =>
        await RunAsync(["--clearsign", .. Signer(signer), "--output", "-", await FileAsync(
            System.Text.Encoding.UTF8.GetBytes(text))]);

    /// <summary>An armored detached signature of <paramref name="data"/> by <paramref name="signer"/>.</summary>
    public async Task<string> DetachSignAsync(byte[] data, string signer) =>
        await RunAsync(["--armor", "--detach-sign", .. Signer(signer), "--output", "-", await FileAsync(data)]);

    /// <summary>Decrypts an armored message with a secret key of this home; returns the clear text.</summary>
    public async Task<string> DecryptAsync(string armored) =>
        await RunAsync("--pinentry-mode", "loopback", "--passphrase", "", "--decrypt", "--output", "-",
            await FileAsync(System.Text.Encoding.ASCII.GetBytes(armored)));

    private static string[] Signer(string signer) =>
        ["--local-user", signer, "--pinentry-mode", "loopback", "--passphrase", ""];

    private async Task<string> FileAsync(byte[] content)
    {
        var file = Path.Combine(_home, $"input-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, content);
        return file;
    }

    private static string Fingerprint(string colons) =>
        colons.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];

    public void Dispose()
    {
        if (File.Exists("/usr/bin/gpgconf"))
        {
            ChildProcess.Run("/usr/bin/gpgconf", ["--homedir", _home, "--kill", "gpg-agent"], TimeSpan.FromSeconds(30));
        }
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // gpg-agent may still hold a socket there for a moment; the temp directory is cleaned by the OS.
        }
    }
}
