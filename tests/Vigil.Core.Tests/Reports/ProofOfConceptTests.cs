using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>The form of a proof of concept: a runnable snippet or steps to reproduce, and some length.</summary>
public class ProofOfConceptTests
{
    [Theory]
    [InlineData("Run this:\n```js\nconst merge = require('deep-merge');\nmerge({}, JSON.parse(evil));\n```")]
    [InlineData("Run this:\n\n    const merge = require('deep-merge');\n    merge({}, JSON.parse(evil));\n")]
    [InlineData("$ npm install deep-merge@1.4.1\n$ node -e \"require('deep-merge')({}, evil)\"")]
    [InlineData("> require('deep-merge')({}, JSON.parse('{\"__proto__\":{\"x\":1}}'))")]
    [InlineData("1. Install deep-merge 1.4.1 in an empty project\n2. Merge the attached JSON into {}\n3. See x set")]
    [InlineData("1) Install deep-merge 1.4.1 in an empty project\r\n2) Merge the attached JSON into {}")]
    [InlineData("- Install deep-merge 1.4.1 in an empty project\n- Merge the attached JSON into an object")]
    public void Check_SnippetOrSteps_HasTheForm(string text) => Assert.Null(ProofOfConcept.Check(text));

    [Theory]
    [InlineData(null, "a proof of concept is required")]
    [InlineData("   \n ", "a proof of concept is required")]
    [InlineData("It is exploitable, trust me: merging crafted objects pollutes the prototype of everything.",
        "no code block and no numbered steps")]
    [InlineData("1. Install deep-merge 1.4.1 in an empty project and merge the attached JSON into {}",
        "no code block and no numbered steps")]
    [InlineData("Run it:\n    merge({}, JSON.parse(evil))\nthen look at Object.prototype.x",
        "no code block and no numbered steps")]
    [InlineData("```\nopen a fence that never closes and is long enough to count",
        "no code block and no numbered steps")]
    [InlineData("> On Monday you wrote that merging crafted objects pollutes the prototype\n> of every object",
        "no code block and no numbered steps")]
    [InlineData("```\nmerge(a, b)\n```", "fewer than 40 characters")]
    [InlineData("1. a\n2. b", "fewer than 40 characters")]
    [InlineData("see below", "no code block and no numbered steps; fewer than 40 characters")]
    public void Check_NoForm_SaysWhy(string? text, string reason) => Assert.Equal(reason, ProofOfConcept.Check(text));
}
