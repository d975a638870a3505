using System.CommandLine;

namespace Vigil.Cli.Commands;

internal static class ArgumentRules
{
    /// <summary>
    /// System.CommandLine hands an unknown <c>--option</c> to a free argument such as PATH as its value,
    /// so a typo like <c>--jsn</c> would become "no such file". Reject such values as the usage error
    /// they are; a real file whose name starts with '-' can still be given as <c>./-name</c>.
    /// </summary>
    public static TArgument RejectOptionLike<TArgument>(this TArgument argument)
        where TArgument : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        return argument;
    }
}
