namespace Aoi.Benchmarks.Performance;

/// <summary>
/// The performance benchmark's first-inspection phase on its own (<see cref="FirstInspectionBenchmark"/>): the same
/// boards and servers, printed rather than written to performance.md, for measuring a change to start-up quickly.
/// </summary>
public sealed class FirstInspectionCommand : IBenchmarkCommand
{
    public string Name => "first-inspection";

    public string Usage => "[--product 20003548] [--also <product,product>] [--repetitions 6] [--env NAME=value] [--web <Aoi.Web.dll>] [--data <feyes-products>]";

    public async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "product", "also", "repetitions", "env", "web", "data");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null)
        {
            Console.Error.WriteLine("product data not found: pass --data or set AOI_FEYES_DATASET");
            return 1;
        }

        var product = options.Get("product") ?? PerformanceCommand.FirstInspectionProduct;
        // --also: more products in the data root, as the full command has, so the start-up warm-up has their models too.
        var also = (options.Get("also") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var workspace = new Workspace(data, also.Prepend(product).Distinct());
        var board = RealBoards.Build(workspace.Snapshot(product), workspace.BoardFolder);
        var repetitions = int.Parse(options.Get("repetitions") ?? "6", System.Globalization.CultureInfo.InvariantCulture);
        var figures = await new FirstInspectionBenchmark(workspace, repetitions, Console.WriteLine,
            options.Get("env") is { } env ? [env] : null, options.Get("web")).MeasureAsync(board);
        foreach (var line in PerformanceReport.FirstInspectionRows(figures))
        {
            Console.WriteLine(line);
        }

        return 0;
    }
}
