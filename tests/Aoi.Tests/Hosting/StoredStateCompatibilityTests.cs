using System.Text.Json.Nodes;
using System.Text;
using System.Text.Json;
using Aoi.Grains.Options;
using Aoi.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Hosting;

/// <summary>
/// Grain state rows written by an earlier version (Fixtures/grain-state-742421d.json, captured from a real server before
/// the interfaces' namespace changed) still load: stored JSON names CLR types, so every moved or renamed type must keep
/// resolving.
/// </summary>
public sealed class StoredStateCompatibilityTests : IDisposable
{
    private const string Fixture = "grain-state-742421d.json";
    private const string OpenSession = "8451ab28-deb2-4dcc-ae6d-9a9722ddb09b";
    private const string ClosedSession = "7b0dfb62-7edb-4c2a-862f-bb02751b077e";
    private readonly TempFolder dataRoot = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataRoot.Dispose();
    }

    [Fact]
    public async Task StateWrittenBeforeTheNamespaceChangeStillLoads()
    {
        var serviceId = await RestoreFixtureAsync();
        var cluster = await AoiTestClusters.StartAsync(dataRoot.Path, serviceId);
        try
        {
            var grains = cluster.GrainFactory;

            var session = await grains.GetGrain<IInspectionSessionGrain>(OpenSession).GetStatusAsync();
            Assert.NotNull(session);
            Assert.Equal(("DEMO-BOARD", 2), (session.ProductName, session.InspectionCount));
            Assert.Equal("line-3", (string?)session.ClientInfo["station"]);
            Assert.Null(await grains.GetGrain<IInspectionSessionGrain>(ClosedSession).GetStatusAsync());
            Assert.Equal([OpenSession], await grains.GetGrain<ISessionDirectoryGrain>(0).ListAsync());

            // The product folder is absent: the stored backup alone brings the configuration back.
            var rois = await grains.GetGrain<IProductGrain>("CAPTURE-1").GetStoredRoisAsync();
            Assert.Null(rois.Failure);
            Assert.Equal([1, 2], rois.Rois!.Select(r => (int)r!["idx"]!));
            var paths = new AoiPaths(Options.Create(new AoiOptions { DataRoot = dataRoot.Path }));
            Assert.True(File.Exists(paths.ColorsFile("CAPTURE-1")));

            // Audit entries were stored under the old namespace of AuditEntry.
            var audit = await grains.GetGrain<IAuditLogGrain>("2026-12-01").ListAsync();
            Assert.Equal(
                ["POST /api/products/create", "POST /api/products/CAPTURE-1/rois", "POST /api/products/CAPTURE-1/colors", "POST /api/golden-sample/save"],
                audit.Select(e => e.Action));
            Assert.All(audit, e => Assert.Equal(("loopback", "admin", 200), (e.Who, e.Role, e.Status)));
        }
        finally
        {
            await cluster.StopAllSilosAsync(TestContext.Current.CancellationToken);
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Writes the fixture's rows, byte for byte, into a fresh database of the current schema.</summary>
    private async Task<string> RestoreFixtureAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = SqliteDatabase.PathIn(dataRoot.Path);
        await SqliteSchemaInstaller.InstallAsync(file, ct);
        using var fixture = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Hosting", "Fixtures", Fixture), ct));
        await using var connection = new SqliteConnection(SqliteDatabase.ConnectionString(file));
        await connection.OpenAsync(ct);
        string? serviceId = null;
        foreach (var row in fixture.RootElement.GetProperty("rows").EnumerateArray())
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO AoiGrainState (ServiceId, GrainTypeHash, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1,
                    GrainIdExtensionString, PayloadBinary, Version, ModifiedOn)
                VALUES ($service, $typeHash, $type, $idHash, $n0, $n1, $ext, $payload, $version, $modified)
                """;
            serviceId = row.GetProperty("ServiceId").GetString();
            insert.Parameters.AddWithValue("$service", serviceId);
            insert.Parameters.AddWithValue("$typeHash", row.GetProperty("GrainTypeHash").GetInt64());
            insert.Parameters.AddWithValue("$type", row.GetProperty("GrainTypeString").GetString());
            insert.Parameters.AddWithValue("$idHash", row.GetProperty("GrainIdHash").GetInt64());
            insert.Parameters.AddWithValue("$n0", row.GetProperty("GrainIdN0").GetInt64());
            insert.Parameters.AddWithValue("$n1", row.GetProperty("GrainIdN1").GetInt64());
            insert.Parameters.AddWithValue("$ext", row.GetProperty("GrainIdExtensionString").GetString());
            var payload = row.GetProperty("PayloadText");
            insert.Parameters.AddWithValue("$payload",
                payload.ValueKind == JsonValueKind.Null ? DBNull.Value : Encoding.UTF8.GetBytes(payload.GetString()!));
            insert.Parameters.AddWithValue("$version", row.GetProperty("Version").GetInt64());
            insert.Parameters.AddWithValue("$modified", row.GetProperty("ModifiedOn").GetString());
            await insert.ExecuteNonQueryAsync(ct);
        }

        return serviceId!;
    }
}
