namespace Aoi.Benchmarks;

/// <summary>One benchmark the program can run, chosen by its name as the first argument.</summary>
public interface IBenchmarkCommand
{
    string Name { get; }

    /// <summary>Options in one line, for the usage text.</summary>
    string Usage { get; }

    /// <summary>Runs with the arguments after the command name; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args);
}
