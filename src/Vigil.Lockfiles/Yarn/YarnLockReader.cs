using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// The registered reader for <c>yarn.lock</c>: yarn classic and yarn berry share the file name, so
/// the content decides. Berry lockfiles are YAML with a top-level <c>__metadata:</c> key; anything
/// else is read as classic (whose parser then reports what is wrong).
/// </summary>
public sealed class YarnLockReader : ILockfileReader
{
    public string Format => "yarn.lock";

    public bool CanRead(string fileName) => IsYarnLock(fileName);

    public Lockfile Read(string filePath, Stream content, LockfileReadOptions options) =>
        LockfileInput.Guard(filePath, () =>
        {
            var text = LockfileInput.ReadText(content, options);
            return IsBerry(text)
                ? YarnBerryReader.Parse(filePath, text, options)
                : YarnV1Reader.Parse(filePath, text, options);
        });

    internal static bool IsYarnLock(string fileName) =>
        string.Equals(Path.GetFileName(fileName), "yarn.lock", StringComparison.OrdinalIgnoreCase);

    internal static bool IsBerry(string text) =>
        text.StartsWith("__metadata:", StringComparison.Ordinal)
            || text.Contains("\n__metadata:", StringComparison.Ordinal);
}
