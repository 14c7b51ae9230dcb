using Aoi.Benchmarks;
using Aoi.Benchmarks.Load;
using Aoi.Benchmarks.Performance;

// Usage: dotnet run -c Release --project tests/Aoi.Benchmarks -- <command> [options]
IBenchmarkCommand[] commands =
[
    new AccuracyCommand(),
    new CalibrateBackboneCommand(),
    new VariantsCommand(),
    new ExplainCommand(),
    new PerformanceCommand(),
    new BuildComparisonCommand(),
    new FirstInspectionCommand(),
    new LoadCommand(),
];

var command = args.Length > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
if (command is null)
{
    Console.Error.WriteLine("usage: Aoi.Benchmarks <command> [options]");
    foreach (var c in commands)
    {
        Console.Error.WriteLine($"  {c.Name,-12} {c.Usage}");
    }

    return 2;
}

return await command.RunAsync(args[1..]);
