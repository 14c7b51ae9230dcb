namespace Aoi.Benchmarks;

/// <summary>Minimal "--name value" option reading; unknown options are an error so typos do not go unnoticed.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public CommandLine(string[] args, params string[] known)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !known.Contains(args[i][2..]))
            {
                throw new ArgumentException($"unknown option {args[i]} (known: {string.Join(", ", known.Select(k => "--" + k))})");
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"option {args[i]} needs a value");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);
}
