using Aoi.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace Aoi.Tests.Hosting;

public sealed class SqliteSchemaInstallerTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Fact]
    public async Task InstallTwiceKeepsOneCopyOfEachQueryAndTheStoredRows()
    {
        var file = folder.File("nested/aoi.db");
        await SqliteSchemaInstaller.InstallAsync(file, TestContext.Current.CancellationToken);
        await using (var connection = Open(file))
        {
            await Write(connection, "grain-1", version: null);
        }

        await SqliteSchemaInstaller.InstallAsync(file, TestContext.Current.CancellationToken);

        await using var check = Open(file);
        Assert.Equal(["ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey"],
            await Strings(check, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey"));
        Assert.Equal(["1"], await Strings(check, "SELECT COUNT(*) FROM AoiGrainState"));
        Assert.Equal(["wal"], await Strings(check, "PRAGMA journal_mode"));
        Assert.Equal(["1"], await Strings(check, "PRAGMA user_version"));
    }

    [Fact]
    public async Task WriteQueryEnforcesTheVersionContract()
    {
        var file = folder.File("aoi.db");
        await SqliteSchemaInstaller.InstallAsync(file, TestContext.Current.CancellationToken);
        await using var connection = Open(file);

        Assert.Equal([1L], await Write(connection, "g", version: null));      // first write creates version 1
        Assert.Equal([], await Write(connection, "g", version: null));        // a second "first" write is refused: no row
        Assert.Equal([2L], await Write(connection, "g", version: 1));         // matching ETag moves on
        Assert.Equal([1L], await Write(connection, "g", version: 1));         // stale ETag is echoed back = conflict
        Assert.Equal([1L], await Write(connection, "other", version: null));  // other grains are independent
        Assert.Equal([3L], await Clear(connection, "g", version: 2));
        Assert.Equal([2L], await Clear(connection, "g", version: 2));         // stale clear is a conflict too

        var (payload, stored) = await Read(connection, "g");
        Assert.Null(payload);
        Assert.Equal(3L, stored);
        Assert.Equal([4L], await Write(connection, "g", version: 3));
        (payload, stored) = await Read(connection, "g");
        Assert.Equal("payload-g"u8.ToArray(), payload);
        Assert.Equal(4L, stored);
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(SqliteDatabase.ConnectionString(file));
        connection.Open();
        return connection;
    }

    private static Task<List<long>> Write(SqliteConnection connection, string grain, long? version) =>
        RunKeyed(connection, "WriteToStorageKey", grain, version, withPayload: true);

    private static Task<List<long>> Clear(SqliteConnection connection, string grain, long? version) =>
        RunKeyed(connection, "ClearStorageKey", grain, version, withPayload: false);

    private static async Task<(byte[]? Payload, long Version)> Read(SqliteConnection connection, string grain)
    {
        await using var command = KeyedCommand(connection, await QueryText(connection, "ReadFromStorageKey"), grain, null);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var payload = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
        return (payload, reader.GetInt64(1));
    }

    private static async Task<List<long>> RunKeyed(SqliteConnection connection, string key, string grain, long? version, bool withPayload)
    {
        await using var command = KeyedCommand(connection, await QueryText(connection, key), grain, version);
        if (withPayload)
        {
            command.Parameters.AddWithValue("@PayloadBinary", System.Text.Encoding.UTF8.GetBytes("payload-" + grain));
        }

        var versions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                versions.Add(reader.GetInt64(0));
            }
        }
        while (await reader.NextResultAsync());

        return versions;
    }

    // Parameters as the Orleans provider binds them; a null extension string is the common case (no key extension).
    private static SqliteCommand KeyedCommand(SqliteConnection connection, string sql, string grain, long? version)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@ServiceId", "svc");
        command.Parameters.AddWithValue("@GrainTypeHash", 42);
        command.Parameters.AddWithValue("@GrainTypeString", "test.type");
        command.Parameters.AddWithValue("@GrainIdHash", grain.Length);
        command.Parameters.AddWithValue("@GrainIdN0", 0L);
        command.Parameters.AddWithValue("@GrainIdN1", 0L);
        command.Parameters.AddWithValue("@GrainIdExtensionString", grain);
        command.Parameters.AddWithValue("@GrainStateVersion", version is null ? DBNull.Value : version.Value);
        return command;
    }

    private static async Task<string> QueryText(SqliteConnection connection, string key) =>
        (await Strings(connection, $"SELECT QueryText FROM OrleansQuery WHERE QueryKey = '{key}'")).Single();

    private static async Task<List<string>> Strings(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
