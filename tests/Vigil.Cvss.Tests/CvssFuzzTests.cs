using Vigil.Cvss.Tests.Support;

namespace Vigil.Cvss.Tests;

/// <summary>TryParse never throws; whatever it accepts round-trips through its normalized string.</summary>
public class CvssFuzzTests
{
    private const string Alphabet = "CVSS:3.14.0/AVNLPHUXRIEMSDTOFBGYacr ()-\0é";

    [Fact]
    public void TryParse_MutatedAndRandomInput_NeverThrowsAndRoundTrips()
    {
        var random = new Random(20261128);
        var vectors = new RandomVectors(7);
        for (var i = 0; i < 20000; i++)
        {
            var input = (i % 4) switch
            {
                0 => Mutate(vectors.NextV4().Input, random),
                1 => Mutate(vectors.NextV3(i % 8 == 1 ? "CVSS:3.0" : "CVSS:3.1").Input, random),
                2 => Mutate(vectors.NextV2().Input, random),
                _ =>
                    new string(
                        [.. Enumerable.Range(0, random.Next(60)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]),
            };

            if (Cvss.TryParse(input, out var parsed, out var error))
            {
                Assert.Equal(parsed.ToString(), Cvss.Parse(parsed.ToString()).ToString());
                Assert.InRange(parsed.Score, 0, 10);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error), input);
                Assert.Equal(error, Assert.Throws<FormatException>(() => Cvss.Parse(input)).Message);
            }
        }
    }

    private static string Mutate(string vector, Random random)
    {
        var chars = vector.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && chars.Count > 0; edits--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
            }
        }

        return new string([.. chars]);
    }
}
