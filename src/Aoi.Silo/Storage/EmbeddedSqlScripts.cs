namespace Aoi.Silo.Storage;

/// <summary>The project's SQL scripts, embedded in this assembly from Storage/Sql.</summary>
public static class EmbeddedSqlScripts
{
    public const string SqliteGrainStorage = "Sqlite-GrainStorage.sql";
    public const string PostgreSqlClustering = "PostgreSql-Clustering.sql";
    public const string PostgreSqlGrainStorage = "PostgreSql-GrainStorage.sql";

    public static string Read(string fileName)
    {
        var assembly = typeof(EmbeddedSqlScripts).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded schema script '{fileName}' is missing from {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
