using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Vigil.Lockfiles.Parsing;

/// <summary>
/// YAML → <see cref="LockNode"/> trees, one per document, from YamlDotNet's low-level event stream.
/// YamlDotNet's representation model and deserializer recurse once per nesting level and can
/// overflow the stack on hostile input (<c>[[[[…</c> 100,000 deep); the event parser keeps its
/// state on the heap, and we count depth ourselves and stop at <c>maxDepth</c> before building more.
/// Aliases are rejected: lockfile writers never emit them, and they are how "billion laughs" bombs work.
/// </summary>
internal static class YamlTree
{
    public static IReadOnlyList<LockNode> ParseDocuments(string text, int maxDepth) =>
        ParseDocuments(new StringReader(text), maxDepth);

    public static IReadOnlyList<LockNode> ParseDocuments(TextReader text, int maxDepth)
    {
        var parser = new Parser(text);
        var documents = new List<LockNode>();
        var stack = new Stack<(LockNode Container, LockScalar? Key)>();
        LockNode? root = null;

        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var (line, column) = (ToInt(current.Start.Line), ToInt(current.Start.Column));
            LockNode value;
            switch (current)
            {
                case MappingStart or SequenceStart:
                    if (stack.Count >= maxDepth)
                    {
                        throw new FormatError(line, column, $"nesting is deeper than the limit of {maxDepth} levels");
                    }

                    value = current is MappingStart ? new LockMap(line, column) : new LockSequence(line, column);
                    break;
                case MappingEnd or SequenceEnd:
                    stack.Pop();
                    continue;
                case Scalar scalar:
                    var kind = scalar.Style == ScalarStyle.Plain ? ScalarKind.Plain : ScalarKind.String;
                    value = new LockScalar(scalar.Value, kind, line, column);
                    break;
                case AnchorAlias:
                    throw new FormatError(line, column, "YAML aliases (*name) are not allowed in lockfiles");
                case DocumentEnd:
                    if (root is not null)
                    {
                        documents.Add(root);
                    }

                    root = null;
                    continue;
                default:
                    continue;
            }

            Attach(stack, ref root, value);
        }

        return documents;
    }

    private static void Attach(Stack<(LockNode Container, LockScalar? Key)> stack, ref LockNode? root, LockNode value)
    {
        if (!stack.TryPop(out var parent))
        {
            root = value;
        }
        else if (parent.Container is LockSequence sequence)
        {
            sequence.Items.Add(value);
            stack.Push(parent);
        }
        else if (parent.Key is null)
        {
            // A mapping key: lockfile keys are names, so "? [complex]" keys mean a broken or crafted file.
            var key = value as LockScalar ?? throw FormatError.At(value, "mapping keys must be plain strings");
            stack.Push((parent.Container, key));
        }
        else
        {
            ((LockMap)parent.Container).Add(parent.Key, value);
            stack.Push((parent.Container, null));
        }

        if (value is LockMap or LockSequence)
        {
            stack.Push((value, null));
        }
    }

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
