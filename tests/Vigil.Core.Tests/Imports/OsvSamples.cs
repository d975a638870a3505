namespace Vigil.Core.Tests.Imports;

/// <summary>Small OSV documents for tests.</summary>
internal static class OsvSamples
{
    public static string Minimal(string id, string range = """[{"introduced":"0"},{"fixed":"1.2.3"}]""") => $$"""
        {
          "schema_version": "1.7.5",
          "id": "{{id}}",
          "modified": "2024-01-02T03:04:05Z",
          "summary": "Prototype pollution",
          "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"}, "ranges": [{"type": "ECOSYSTEM", "events": {{range}}}]}]
        }
        """;
}
