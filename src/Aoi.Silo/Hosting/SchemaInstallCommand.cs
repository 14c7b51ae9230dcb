using Aoi.Grains.Options;
using Aoi.Silo.Storage;
using Microsoft.Extensions.Configuration;

namespace Aoi.Silo.Hosting;

/// <summary>
/// `Aoi.Silo --install-schema`: applies the schema of the configured backends and exits, for operators who prepare
/// the database before the first silo starts (silos also apply it themselves at every start).
/// </summary>
public static class SchemaInstallCommand
{
    public const string Argument = "--install-schema";

    public static bool IsRequested(string[] args) => args.Contains(Argument, StringComparer.Ordinal);

    /// <summary>Returns the process exit code: 0 installed, 1 failed (the reason is written to stderr).</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        try
        {
            var orleans = AoiOrleansOptions.From(configuration);
            if (orleans.UsesPostgres)
            {
                await PostgresSchemaInstaller.InstallAsync(orleans.ConnectionString!);
                await output.WriteLineAsync($"install-schema: PostgreSQL schema ready in {new PostgresConnection(orleans.ConnectionString!).Describe()}");
            }

            if (!orleans.UsesPostgresStorage)
            {
                var dataRoot = configuration[$"{AoiOptions.SectionName}:{nameof(AoiOptions.DataRoot)}"] ?? new AoiOptions().DataRoot;
                var file = SqliteDatabase.PathIn(dataRoot);
                await SqliteSchemaInstaller.InstallAsync(file);
                await output.WriteLineAsync($"install-schema: SQLite schema ready in {file}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"install-schema: {ex.Message}");
            return 1;
        }
    }
}
