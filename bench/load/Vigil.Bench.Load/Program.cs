using System.Diagnostics;
using System.Globalization;
using Vigil.Bench.Crash;
using Vigil.Bench.Load;

// The mixed load run (docs/reliability.md, "Load"): see bench/load/run.sh.
var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}
var work = options.Work;
Directory.CreateDirectory(work);
var runId = $"{DateTime.UtcNow:HHmmss}{Environment.ProcessId % 1000:D3}";
var instance = await Instance.CreateAsync(options.Provider, work, runId);
await using var log = new StreamWriter(Path.Combine(work, "server.log")) { AutoFlush = true };
VigilServer? server = null;
try
{
    if (Directory.Exists(options.Data))
    {
        Console.WriteLine($"== importing {options.Data}");
        var import = Process.Start(new ProcessStartInfo(options.Vigil)
        {
            ArgumentList = { "import", options.Data, "--database", instance.Database },
            RedirectStandardOutput = true,
        })!;
        Console.WriteLine("   " + (await import.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1]);
        await import.WaitForExitAsync();
    }
    var environment = instance.Environment(clockSeconds: 10);
    environment["Logging__LogLevel__Default"] = "Warning";
    server = await VigilServer.StartAsync(options.Vigil, instance.Database, options.Port, environment, log);
    await instance.SetUpAsync();
    var world = await LoadWorld.CreateAsync(instance, server.Url, options.Data);
    Console.WriteLine($"== {options.Provider}: {options.Users} users for {options.Minutes} min "
        + $"(the first {options.WarmupMinutes} min are warm-up), server pid {server.Pid}, "
        + $"{world.AdvisoryIds.Count} advisories, {world.BulkPackages} packages per npm bulk, "
        + $"{world.BatchQueries} queries per querybatch");
    var recorder = new Recorder(server.Pid);
    using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.Minutes));
    var sampler = recorder.SampleMemoryAsync(TimeSpan.FromSeconds(10), stop.Token);
    var users = Enumerable.Range(0, options.Users)
        .Select(u => new Mix(world, recorder, new Random(options.Seed * 100 + u)).RunAsync(stop.Token)).ToList();
    await Task.WhenAll(users);
    await sampler;
    var report = recorder.Describe(TimeSpan.FromMinutes(options.WarmupMinutes));
    Console.WriteLine(report);
    await File.WriteAllTextAsync(Path.Combine(work, "summary.txt"), report);
    await File.WriteAllLinesAsync(Path.Combine(work, "rss.csv"),
        recorder.Memory.Select(m =>
            string.Create(CultureInfo.InvariantCulture, $"{m.At.TotalSeconds:F0},{m.RssMiB:F1}")));
    return recorder.ServerErrors == 0 && recorder.Unexpected == 0 ? 0 : 1;
}
finally
{
    if (server is not null)
    {
        await server.KillAsync();
    }
    await instance.DropAsync();
}
