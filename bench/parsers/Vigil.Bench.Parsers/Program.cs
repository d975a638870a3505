using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// The parsers and the import, timed where tests may not time them
// (docs/performance.md, "Parsers and the WG import"):
//   dotnet run -c Release --project bench/parsers/Vigil.Bench.Parsers -- --filter '*'
// Each class names its job (Jobs.cs): in process, so ../shared is found as the tests find it.
// Pass --filter, not --job: another job would run out of process.
var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
