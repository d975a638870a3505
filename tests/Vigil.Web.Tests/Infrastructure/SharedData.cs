namespace Vigil.Web.Tests.Infrastructure;

/// <summary>Copied from Vigil.Core.Tests (small enough to copy; a test project should not reference another).
/// 
/// Locates the read-only <c>shared/</c> folder that sits beside the repository (third-party data is
/// read from there, never copied in). Tests that need it skip with a clear message when it is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    public static string Path(params string[] parts)
    {
        var root = Root.Value;
        if (root is null)
        {
            Assert.Skip("The shared/ folder (../shared beside the repository) is absent; this test reads its data.");
        }
        return System.IO.Path.Combine([root!, .. parts]);
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "specs")))
            {
                return candidate;
            }
        }
        return null;
    }
}
