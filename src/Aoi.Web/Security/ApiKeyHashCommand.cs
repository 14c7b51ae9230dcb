namespace Aoi.Web.Security;

/// <summary>
/// <c>dotnet run --project src/Aoi.Web -- --hash-api-key &lt;key&gt;</c> (or the key on standard input): prints the hash to
/// put in Aoi:Security:ApiKeys, so keys never have to be written to configuration in clear.
/// </summary>
public static class ApiKeyHashCommand
{
    public const string Switch = "--hash-api-key";

    /// <summary>Runs the command when requested and returns true; otherwise false and the server starts.</summary>
    public static bool TryRun(string[] args, TextReader input, TextWriter output)
    {
        var at = Array.IndexOf(args, Switch);
        if (at < 0)
        {
            return false;
        }

        var key = at + 1 < args.Length ? args[at + 1] : input.ReadLine();
        if (string.IsNullOrWhiteSpace(key))
        {
            output.WriteLine($"usage: {Switch} <key>   (or the key on standard input)");
            return true;
        }

        output.WriteLine(ApiKeyHasher.Hash(key.Trim()));
        return true;
    }
}
