using System.Text;

namespace Vigil.Lockfiles.Tests;

/// <summary>Untrusted input: every problem is a <see cref="LockfileException"/> naming file, line and reason.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    // truncated JSON
    [InlineData("package-lock.json",
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {\"version\": \"1.0", 4,
        "invalid JSON")]
    [InlineData("package-lock.json", "", 1, "invalid JSON")]
    // wrong types
    [InlineData("package-lock.json", "{\n  \"lockfileVersion\": 3,\n  \"packages\": []\n}", 3,
        "expected a mapping for 'packages', found a list")]
    [InlineData("package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": {\"version\": 1}}}",
        2, "expected a string for 'version', found the number 1")]
    [InlineData("package-lock.json",
        "{\"lockfileVersion\": 1, \"dependencies\": {\"a\": {\"version\": \"1.0.0\",\n\"dev\": \"yes\"}}}", 2,
        "expected true or false for 'dev'")]
    [InlineData("package-lock.json", "[1, 2]", 1, "expected a mapping for the document, found a list")]
    [InlineData("package-lock.json", "{\"lockfileVersion\": \"3\"}", 1, "unsupported lockfileVersion the string '3'")]
    [InlineData("package-lock.json", "{\"lockfileVersion\": 4, \"packages\": {}}", 1,
        "unsupported lockfileVersion the number 4")]
    [InlineData("package-lock.json", "{\"packages\": {}}", 1, "missing 'lockfileVersion'")]
    // missing versions
    [InlineData("package-lock.json",
        "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": {\"resolved\": \"https://r.example/a.tgz\"}}}",
        2, "'node_modules/a' has no 'version'")]
    [InlineData("package-lock.json",
        "{\"lockfileVersion\": 1, \"dependencies\": {\n\"a\": {\"resolved\": \"https://r.example/a.tgz\"}}}", 2,
        "'a' has no 'version'")]
    [InlineData("yarn.lock", "# yarn lockfile v1\n\na@^1.0.0:\n  resolved \"https://r.example/a.tgz\"\n", 3,
        "entry 'a@^1.0.0' has no 'version'")]
    [InlineData("yarn.lock", "__metadata:\n  version: 10\n\n\"a@npm:^1.0.0\":\n  version: 1.0.0\n", 4,
        "has no 'resolution'")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\nsnapshots:\n  minimist: {}\n", 3,
        "cannot read a name and version from package key 'minimist'")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '6.0'\npackages:\n  /minimist@:\n    dev: true\n", 3,
        "cannot read a name and version")]
    [InlineData("pnpm-lock.yaml",
        "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a: {specifier: ^1.0.0}\n", 5,
        "'a' in 'dependencies' has no 'version'")]
    [InlineData("packages.lock.json",
        "{\"version\": 1, \"dependencies\": {\"net8.0\": {\n\"A\": {\"type\": \"Direct\"}}}}", 2,
        "package 'A' (net8.0) has no 'resolved' version")]
    // duplicates
    [InlineData("package-lock.json",
        "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": {\"version\": \"1.0.0\"},\n\"node_modules/a\": "
            + "{\"version\": \"2.0.0\"}}}",
        3, "duplicate key 'node_modules/a' (first at line 2)")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\nsnapshots:\n  a@1.0.0: {}\n  a@1.0.0: {}\n", 4,
        "duplicate key 'a@1.0.0'")]
    // yarn classic syntax
    [InlineData("yarn.lock", "a@^1.0.0:\n  version \"1.0.0\"\n<<<<<<< HEAD\n", 3, "unresolved merge conflict marker")]
    [InlineData("yarn.lock", "a@^1.0.0:\n   version \"1.0.0\"\n", 2, "indentation must be a multiple of two spaces")]
    [InlineData("yarn.lock", "a@^1.0.0:\n    version \"1.0.0\"\n", 2, "unexpected indentation")]
    [InlineData("yarn.lock", "\"a@^1.0.0:\n  version \"1.0.0\"\n", 1, "unterminated quoted string")]
    [InlineData("yarn.lock", "lodash:\n  version \"1.0.0\"\n", 1, "cannot read a package name from 'lodash'")]
    [InlineData("yarn.lock", "a@^1.0.0:\n  version\n", 2, "'version' has no value")]
    [InlineData("yarn.lock", "a@^1.0.0 b@^2:\n  version \"1.0.0\"\n", 1, "expected ',' between package specifiers")]
    // YAML shape
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\nsnapshots: [1, 2]\n", 2,
        "expected a mapping for 'snapshots', found a list")]
    [InlineData("pnpm-lock.yaml", "importers: {}\n", 1, "missing 'lockfileVersion'")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '4.0'\n", 1, "unsupported lockfileVersion '4.0'")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\nimporters:\n  .: {dependencies: [\n", 4, "invalid YAML")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\na: &a [x, x, x]\nb: [*a, *a, *a]\n", 3,
        "YAML aliases (*name) are not allowed")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\n? [a]\n: b\n", 2, "mapping keys must be plain strings")]
    [InlineData("pnpm-lock.yaml", "", 1, "the file is empty")]
    [InlineData("yarn.lock", "__metadata:\n  version: 10\nx: [a, b\n", 4, "invalid YAML")]
    // NuGet shape
    [InlineData("packages.lock.json", "{\"version\": 3, \"dependencies\": {}}", 1, "unsupported version the number 3")]
    [InlineData("packages.lock.json", "{\"version\": 1,\n\"dependencies\": {\"net8.0\": \"x\"}}", 2,
        "expected a mapping for target framework 'net8.0'")]
    [InlineData("packages.lock.json",
        "{\"version\": 1, \"dependencies\": {\"net8.0\": {\n\"A\": {\"resolved\": \"1.0.0\"}}}}", 2,
        "package 'A' (net8.0) has no 'type'")]
    // text that is not text
    [InlineData("package-lock.json", "{\"lockfileVersion\": 3,\n  \0}", 2, "control character 0x00")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\nx: \u0007\n", 2, "control character 0x07")]
    public void Read_MalformedInput_ThrowsWithLineAndReason(string fileName, string content, int line, string reason)
    {
        var error = TestInput.Fails(fileName, content);

        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{fileName}:{line}:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package-lock.json")]
    [InlineData("packages.lock.json")]
    public void Read_JsonNested100000Deep_ThrowsDepthErrorWithoutCrashing(string fileName)
    {
        var error = TestInput.Fails(fileName, new string('[', 100_000) + new string(']', 100_000));

        Assert.Equal(1, error.Line);
        Assert.Contains("depth", error.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("pnpm-lock.yaml", "", "[")]
    [InlineData("pnpm-lock.yaml", "", "{a: ")]
    [InlineData("pnpm-lock.yaml", "lockfileVersion: '9.0'\nsnapshots:\n  a@1.0.0: ", "[")]
    [InlineData("yarn.lock", "__metadata:\n  version: 10\n\nx: ", "{a: ")]
    public void Read_Yaml100000Deep_ThrowsDepthErrorBeforeBuildingTheTree(string fileName, string prefix, string opener)
    {
        var content = prefix + string.Concat(Enumerable.Repeat(opener, 100_000));

        var error = TestInput.Fails(fileName, content);

        Assert.Contains("nesting is deeper than the limit of 256 levels", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void Read_YarnV1IndentedDeeperThanMaxDepth_ThrowsDepthError()
    {
        var content = new StringBuilder("a@^1:\n");
        for (var level = 1; level < 40; level++)
        {
            content.Append(' ', level * 2).Append($"k{level}:\n");
        }

        var error = TestInput.Fails("yarn.lock", content.ToString(), new LockfileReadOptions(MaxDepth: 16));

        Assert.Equal(16, error.Line);
        Assert.Contains("nesting is deeper than the limit of 16 levels", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package-lock.json", false)]
    [InlineData("package-lock.json", true)]
    [InlineData("yarn.lock", false)]
    [InlineData("pnpm-lock.yaml", false)]
    [InlineData("packages.lock.json", true)]
    public void Read_70MegabyteStream_ThrowsSizeErrorBeforeBufferingItAll(string fileName, bool seekable)
    {
        using var stream = new GeneratedStream(70L * 1024 * 1024, seekable);

        var error = Assert.Throws<LockfileException>(() => TestInput.Read(fileName, stream));

        Assert.Contains("over the limit of 67,108,864 bytes", error.Reason, StringComparison.Ordinal);
        Assert.Null(error.Line);
        Assert.True(stream.Position <= 65L * 1024 * 1024, $"read {stream.Position:N0} bytes");
    }

    [Theory]
    [InlineData("package-lock.json", 1)]
    [InlineData("yarn.lock", 2)]
    [InlineData("pnpm-lock.yaml", 3)]
    [InlineData("packages.lock.json", 4)]
    public void Read_BinaryJunk_ThrowsWithPosition(string fileName, int seed)
    {
        var junk = new byte[4096];
        new Random(seed).NextBytes(junk);

        var error = Assert.Throws<LockfileException>(() => TestInput.Read(fileName, new MemoryStream(junk)));

        Assert.NotNull(error.Line);
        Assert.Contains("this is not a text lockfile", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8_ThrowsAtTheBadByte()
    {
        var bytes = Encoding.UTF8.GetBytes("lockfileVersion: '9.0'\nx: ab").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var error = Assert.Throws<LockfileException>(() => TestInput.Read("pnpm-lock.yaml", new MemoryStream(bytes)));

        Assert.Equal((2, 6), (error.Line, error.Column));
        Assert.Contains("invalid UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_YamlBillionLaughs_ThrowsOnTheFirstAlias()
    {
        var bomb = new StringBuilder("lockfileVersion: '9.0'\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var error = TestInput.Fails("pnpm-lock.yaml", bomb.ToString());

        Assert.Equal(3, error.Line);
    }

    /// <summary>A stream of <c>length</c> bytes that exist only as they are read.</summary>
    private sealed class GeneratedStream(long length, bool seekable) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => seekable;
        public override bool CanWrite => false;
        public override long Length => seekable ? length : throw new NotSupportedException();

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
