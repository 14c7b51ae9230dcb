namespace Aoi.Silo.Storage;

/// <summary>Where the silo's SQLite grain storage lives; resolved once from the configured data root.</summary>
public sealed record SqliteStorageLocation(string DatabaseFile);
