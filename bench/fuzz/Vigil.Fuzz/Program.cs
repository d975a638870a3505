using SharpFuzz;
using Vigil.Fuzz;

// Usage (bench/fuzz/run.sh):
//   Vigil.Fuzz TARGET            run under afl-fuzz (input on stdin or the file AFL names)
//   Vigil.Fuzz TARGET FILE...    replay inputs in process and report what escaped the target
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Vigil.Fuzz TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}
if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
    return 0;
}
var failures = 0;
foreach (var file in args.Skip(1))
{
    try
    {
        target(File.ReadAllBytes(file));
    }
    catch (Exception exception)
    {
        failures++;
        Console.WriteLine($"{file}: {exception.GetType().Name}: {exception.Message}");
    }
}
Console.WriteLine($"{args.Length - 1} inputs replayed through {args[0]}, {failures} escaped");
return failures == 0 ? 0 : 1;
