using Vigil.Web.Compat;

namespace Vigil.Web.Tests.Compat;

public class AnswerMemoTests
{
    [Fact]
    public void Add_BeyondTheBound_EmptiesAndKeepsTheNewPart()
    {
        var memo = new AnswerMemo(capacityBytes: 1100);

        for (var i = 0; i < 5; i++)
        {
            memo.Add($"k{i}", new byte[150]);
        }
        Assert.Equal(5, memo.Count);
        memo.Add("k5", new byte[150]);

        // Each entry counts 150 + 2×2 + 64 = 218 bytes: five fit in 1,100, the sixth empties the memo and stays.
        Assert.Equal(1, memo.Count);
        Assert.True(memo.TryGet("k5", out var part));
        Assert.Equal(150, part.Length);
        Assert.False(memo.TryGet("k0", out _));
    }

    [Fact]
    public void Add_CapacityZero_KeepsNothing()
    {
        var memo = new AnswerMemo(capacityBytes: 0);

        memo.Add("k", [1, 2, 3]);

        Assert.False(memo.Enabled);
        Assert.False(memo.TryGet("k", out _));
    }
}
