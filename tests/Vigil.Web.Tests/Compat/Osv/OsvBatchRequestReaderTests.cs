using System.Text;
using System.Text.Json;
using Vigil.Core.Advisories.Osv;
using Vigil.Web.Compat.Osv;

namespace Vigil.Web.Tests.Compat.Osv;

/// <summary>
/// The batch reader's one-pass path must read every body as System.Text.Json does with the OSV options
/// (the path it replaced): the same request, or the same error message.
/// </summary>
public class OsvBatchRequestReaderTests
{
    public static TheoryData<string> Bodies => new()
    {
        """{"queries":[{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}]}""",
        """
        {"queries":[{"version":"1.0.0","package":{"name":"lodash","ecosystem":"npm"}},null,{"package":{"purl":"pkg:npm/lodash@4.17.20"}}]}
        """,
        """
        {"queries":[{"commit":"6879efc2c1596d11a6a6ad296f80063b558d5e0f"},{"package":{"name":"x","ecosystem":"npm"},"page_token":"abc"}]}
        """,
        // Escaped names and values, non-ASCII text.
        """{"qu\u0065ries":[{"p\u0061ckage":{"n\u0061me":"caf\u00e9","ecosystem":"npm"},"version":"1.0.0-\u03b1"}]}""",
        """{"queries":[{"package":{"name":"ü-päckage","ecosystem":"PyPI"},"version":"1.0"}]}""",
        // Unknown properties of every shape are skipped.
        """
        {"extra":{"a":[1,{"b":null}]},"queries":[{"package":{"name":"x","ecosystem":"npm","other":[1,2]},"version":"1","more":{"deep":[[]]}}],"z":true}
        """,
        // Nulls and empty values.
        """{"queries":[{"package":null,"version":null,"commit":null,"page_token":null}]}""",
        """{"queries":[{"package":{"name":null,"ecosystem":null,"purl":null}}]}""",
        """{"queries":[{}]}""",
        """{"queries":[]}""",
        """{"queries":null}""",
        """{}""",
        """null""",
        """  {"queries" : [ { "package" : { "name" : "x" } , "version" : "1" } ] }  """,
        // Names differ only in case: not the OSV names, so skipped.
        """{"Queries":[{"package":{"name":"x","ecosystem":"npm"},"version":"1"}]}""",
        """{"queries":[{"Package":{"name":"x"},"VERSION":"1","pageToken":"t"}]}""",
        // Repeated properties (the serializer decides).
        """{"queries":[],"queries":[{"version":"1"}]}""",
        """{"queries":[{"version":"1","version":"2"}]}""",
        """{"queries":[{"package":{"name":"a","name":"b"}}]}""",
        // Wrong types: the serializer's error.
        """{"queries":[{"package":{"name":"x","ecosystem":"npm"},"version":1}]}""",
        """{"queries":[{"package":{"name":["x"]}}]}""",
        """{"queries":[{"package":"npm/x"}]}""",
        """{"queries":[1,2]}""",
        """{"queries":{"package":{}}}""",
        """{"queries":"all"}""",
        """[1,2,3]""",
        """ "text" """,
        // Broken JSON.
        "",
        """{"queries":[{"package":{"name":"minimist", """,
        """{"queries":[]} trailing""",
        """{"queries":[],}""",
        """{"queries":[/* comment */]}""",
        """{"queries":[{"version":"1\x"}]}""",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Parse_ReadsEveryBodyAsTheSerializer(string body) =>
        AssertSameAsSerializer(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Parse_InvalidUtf8_SameErrorAsTheSerializer() =>
        AssertSameAsSerializer([.. "{\"queries\":[{\"version\":\""u8, 0xC3, 0x28, .. "\"}]}"u8]);

    [Fact]
    public void Parse_ThousandGeneratedQueries_SameAsTheSerializer()
    {
        var random = new Random(7);
        var queries = Enumerable.Range(0, 1000).Select(i => (i % 7) switch
        {
            0 => """{"package":{"purl":"pkg:npm/%40scope/p""" + i + "@1.0." + i + "\"}}",
            1 => "null",
            _ => $$"""
                {"package":{"ecosystem":"npm","name":"p{{i}}"},"version":"{{random.Next(10)}}.{{random.Next(10)}}.{{random.Next(10)}}"}
                """,
        });
        AssertSameAsSerializer(Encoding.UTF8.GetBytes($$"""{"queries":[{{string.Join(',', queries)}}]}"""));
    }

    private static void AssertSameAsSerializer(byte[] body)
    {
        var (expected, expectedError) = Outcome(
            () => JsonSerializer.Deserialize<OsvBatchRequest>(body, OsvJson.Options));
        var (actual, actualError) = Outcome(() => OsvBatchRequestReader.Parse(body));
        Assert.Equal(expectedError, actualError);
        Assert.Equal(expected, actual);
    }

    // Records hold lists, which compare by reference: compare their JSON instead.
    private static (string? Json, string? Error) Outcome(Func<OsvBatchRequest?> read)
    {
        try
        {
            return (JsonSerializer.Serialize(read(), OsvJson.Options), null);
        }
        catch (JsonException exception)
        {
            return (null, exception.Message);
        }
    }
}
