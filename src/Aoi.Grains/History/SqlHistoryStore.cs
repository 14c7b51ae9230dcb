using System.Data.Common;
using System.Globalization;
using System.Text;
using static Aoi.Grains.History.SqlCommands;

namespace Aoi.Grains.History;

/// <summary>
/// <see cref="IHistoryStore"/> in plain SQL that SQLite and PostgreSQL both accept: named <c>@</c> parameters, times
/// as Unix milliseconds, verdicts as 0/1 integers, and <c>ON CONFLICT DO NOTHING</c> so a retried batch is harmless.
/// The tables are created by the host's history migrations (Storage/Sql/*-History-*.sql).
/// </summary>
public sealed class SqlHistoryStore(IHistoryDatabase database) : IHistoryStore
{
    public async Task WriteAsync(IReadOnlyList<InspectionRecord> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var record in batch)
        {
            var inserted = await ExecuteAsync(connection, transaction, InsertInspection, cancellationToken,
                ("id", record.Id), ("at", record.RecordedAt.ToUnixTimeMilliseconds()), ("day", record.Day),
                ("product", record.Product), ("session", record.SessionId), ("station", record.Station),
                ("client_info", record.ClientInfoJson), ("grouped", Bit(record.Grouped)), ("passed", Bit(record.Passed)),
                ("total", record.TotalRois), ("passed_rois", record.PassedRois), ("failed_rois", record.FailedRois),
                ("ms", record.ProcessingMs), ("folder", record.ImageFolder),
                ("expires", record.ImagesExpireAt?.ToUnixTimeMilliseconds()));
            if (inserted == 0)
            {
                continue; // already stored by an earlier attempt of this batch
            }

            foreach (var d in record.Devices)
            {
                await ExecuteAsync(connection, transaction, InsertDevice, cancellationToken,
                    ("id", record.Id), ("device", d.DeviceId), ("barcode", d.Barcode), ("raw", d.BarcodeRaw),
                    ("source", d.BarcodeSource), ("passed", Bit(d.Passed)));
            }

            foreach (var r in record.Rois)
            {
                await ExecuteAsync(connection, transaction, InsertRoi, cancellationToken,
                    ("id", record.Id), ("roi", r.RoiId), ("type", r.RoiType), ("device", r.DeviceId), ("passed", Bit(r.Passed)),
                    ("score", r.Score), ("threshold", r.Threshold), ("decoded", r.Decoded), ("error", r.Error),
                    ("ms", r.ProcessingMs), ("grp", r.Group), ("image", r.ImageFile), ("golden", r.GoldenFile));
                if (r.Detail is { } detail)
                {
                    await ExecuteAsync(connection, transaction, InsertDetail, cancellationToken, ("id", record.Id), ("roi", r.RoiId), ("detail", detail));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<InspectionPage> QueryAsync(InspectionQuery query, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filter(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM aoi_history_inspections i{where}",
            cancellationToken, parameters), CultureInfo.InvariantCulture);

        var paged = parameters.Append(("limit", (object?)query.PageSize))
            .Append(("offset", (object?)((long)(query.Page - 1) * query.PageSize))).ToArray();
        var items = await ReadInspectionsAsync(connection,
            $"SELECT {InspectionColumns} FROM aoi_history_inspections i{where} ORDER BY i.recorded_at_ms DESC, i.id DESC LIMIT @limit OFFSET @offset",
            cancellationToken, paged);
        await AttachDevicesAsync(connection, items, cancellationToken);
        return new InspectionPage(items.Select(i => i.Build()).ToList(), total, query.Page, query.PageSize);
    }

    public async Task<InspectionRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await ReadInspectionsAsync(connection,
            $"SELECT {InspectionColumns} FROM aoi_history_inspections i WHERE i.id = @id", cancellationToken, ("id", id));
        if (items.Count == 0)
        {
            return null;
        }

        await AttachDevicesAsync(connection, items, cancellationToken);
        await using var command = Command(connection, null,
            "SELECT r.roi_id, r.roi_type, r.device_id, r.passed, r.score, r.threshold, r.decoded, r.error, r.processing_ms, r.group_key, " +
            "r.image_file, r.golden_file, x.detail FROM aoi_history_rois r LEFT JOIN aoi_history_roi_details x " +
            "ON x.inspection_id = r.inspection_id AND x.roi_id = r.roi_id WHERE r.inspection_id = @id ORDER BY r.roi_id", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items[0].Rois.Add(new RoiRecord(Int(reader, 0), reader.GetString(1), Int(reader, 2), Int(reader, 3) != 0,
                NullableDouble(reader, 4), NullableDouble(reader, 5), NullableText(reader, 6), NullableText(reader, 7),
                Convert.ToDouble(reader.GetValue(8), CultureInfo.InvariantCulture), NullableText(reader, 9),
                NullableText(reader, 10), NullableText(reader, 11), NullableText(reader, 12)));
        }

        return items[0].Build();
    }

    public async Task<YieldCounts> YieldCountsAsync(string? product, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filter(new InspectionQuery(Product: product, From: from, To: to));
        await using var connection = await database.OpenAsync(cancellationToken);
        var days = new List<DayCount>();
        await using (var command = Command(connection, null,
            $"SELECT i.product, i.day, COUNT(*), SUM(i.passed) FROM aoi_history_inspections i{where} GROUP BY i.product, i.day ORDER BY i.product, i.day",
            parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new DayCount(reader.GetString(0), reader.GetString(1), Long(reader, 2), Long(reader, 3)));
            }
        }

        var rois = new List<RoiCount>();
        await using (var command = Command(connection, null,
            "SELECT i.product, r.roi_id, r.roi_type, COUNT(*), SUM(1 - r.passed) FROM aoi_history_rois r " +
            $"JOIN aoi_history_inspections i ON i.id = r.inspection_id{where} GROUP BY i.product, r.roi_id, r.roi_type ORDER BY i.product, r.roi_id",
            parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rois.Add(new RoiCount(reader.GetString(0), Int(reader, 1), reader.GetString(2), Long(reader, 3), Long(reader, 4)));
            }
        }

        return new YieldCounts(days, rois);
    }

    public async Task<IReadOnlyList<SpcSample>> CompareSeriesAsync(
        string product, int roiId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filter(new InspectionQuery(Product: product, From: from, To: to));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT i.recorded_at_ms, i.id, r.score, r.threshold, r.passed FROM aoi_history_rois r " +
            $"JOIN aoi_history_inspections i ON i.id = r.inspection_id{where} AND r.roi_id = @roi AND r.roi_type = 'compare' " +
            "AND r.score IS NOT NULL AND r.error IS NULL ORDER BY i.recorded_at_ms, i.id",
            parameters.Append(("roi", (object?)roiId)).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var samples = new List<SpcSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new SpcSample(DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 0)), reader.GetString(1),
                Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture), NullableDouble(reader, 3), Int(reader, 4) != 0));
        }

        return samples;
    }

    public async Task<IReadOnlyList<(string Id, string ImageFolder)>> ExpiredImagesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT id, image_folder FROM aoi_history_inspections WHERE image_folder IS NOT NULL AND images_expire_at_ms <= @now " +
            "ORDER BY images_expire_at_ms LIMIT @limit",
            ("now", now.ToUnixTimeMilliseconds()), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expired = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            expired.Add((reader.GetString(0), reader.GetString(1)));
        }

        return expired;
    }

    public async Task ClearImagesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var id in ids)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE aoi_history_inspections SET image_folder = NULL, images_expire_at_ms = NULL WHERE id = @id", cancellationToken, ("id", id));
            await ExecuteAsync(connection, transaction,
                "UPDATE aoi_history_rois SET image_file = NULL, golden_file = NULL WHERE inspection_id = @id", cancellationToken, ("id", id));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteRecordedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var at = ("cutoff", (object?)cutoff.ToUnixTimeMilliseconds());
        const string Expired = "SELECT id FROM aoi_history_inspections WHERE recorded_at_ms < @cutoff";
        // Review verdicts and ROI details go with their inspection; confirmed defects live on as regression samples
        // outside the history (Review/RegressionSamples).
        foreach (var table in new[] { "aoi_review_verdicts", "aoi_history_roi_details", "aoi_history_rois" })
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE inspection_id IN ({Expired})", cancellationToken, at);
        }

        await ExecuteAsync(connection, transaction, $"DELETE FROM aoi_history_devices WHERE inspection_id IN ({Expired})", cancellationToken, at);
        var deleted = await ExecuteAsync(connection, transaction, "DELETE FROM aoi_history_inspections WHERE recorded_at_ms < @cutoff", cancellationToken, at);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private const string InsertInspection =
        "INSERT INTO aoi_history_inspections (id, recorded_at_ms, day, product, session_id, station, client_info, grouped, passed, " +
        "total_rois, passed_rois, failed_rois, processing_ms, image_folder, images_expire_at_ms) VALUES (@id, @at, @day, @product, " +
        "@session, @station, @client_info, @grouped, @passed, @total, @passed_rois, @failed_rois, @ms, @folder, @expires) " +
        "ON CONFLICT (id) DO NOTHING";

    private const string InsertDevice =
        "INSERT INTO aoi_history_devices (inspection_id, device_id, barcode, barcode_raw, barcode_source, passed) " +
        "VALUES (@id, @device, @barcode, @raw, @source, @passed) ON CONFLICT (inspection_id, device_id) DO NOTHING";

    private const string InsertRoi =
        "INSERT INTO aoi_history_rois (inspection_id, roi_id, roi_type, device_id, passed, score, threshold, decoded, error, " +
        "processing_ms, group_key, image_file, golden_file) VALUES (@id, @roi, @type, @device, @passed, @score, @threshold, " +
        "@decoded, @error, @ms, @grp, @image, @golden) ON CONFLICT (inspection_id, roi_id) DO NOTHING";

    private const string InsertDetail =
        "INSERT INTO aoi_history_roi_details (inspection_id, roi_id, detail) VALUES (@id, @roi, @detail) " +
        "ON CONFLICT (inspection_id, roi_id) DO NOTHING";

    private const string InspectionColumns =
        "i.id, i.recorded_at_ms, i.day, i.product, i.session_id, i.station, i.client_info, i.grouped, i.passed, " +
        "i.total_rois, i.passed_rois, i.failed_rois, i.processing_ms, i.image_folder, i.images_expire_at_ms";

    /// <summary>" WHERE 1 = 1 AND …" over the inspections alias <c>i</c>, with its parameters.</summary>
    internal static (string Where, (string, object?)[] Parameters) Filter(InspectionQuery query)
    {
        var clauses = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.Barcode is { } barcode)
        {
            clauses.Add("EXISTS (SELECT 1 FROM aoi_history_devices d WHERE d.inspection_id = i.id AND (d.barcode = @barcode OR d.barcode_raw = @barcode))");
            parameters.Add(("barcode", barcode));
        }

        if (query.Product is { } product)
        {
            clauses.Add("i.product = @product");
            parameters.Add(("product", product));
        }

        if (query.Station is { } station)
        {
            clauses.Add("i.station = @station");
            parameters.Add(("station", station));
        }

        if (query.Passed is { } passed)
        {
            clauses.Add("i.passed = @verdict");
            parameters.Add(("verdict", Bit(passed)));
        }

        if (query.From is { } from)
        {
            clauses.Add("i.recorded_at_ms >= @from");
            parameters.Add(("from", from.ToUnixTimeMilliseconds()));
        }

        if (query.To is { } to)
        {
            clauses.Add("i.recorded_at_ms < @to");
            parameters.Add(("to", to.ToUnixTimeMilliseconds()));
        }

        var where = new StringBuilder(" WHERE 1 = 1");
        foreach (var clause in clauses)
        {
            where.Append(" AND ").Append(clause);
        }

        return (where.ToString(), parameters.ToArray());
    }

    private sealed class InspectionRow(InspectionRecord head)
    {
        public InspectionRecord Head { get; } = head;
        public List<DeviceRecord> Devices { get; } = [];
        public List<RoiRecord> Rois { get; } = [];
        public InspectionRecord Build() => Head with { Devices = Devices, Rois = Rois };
    }

    private static async Task<List<InspectionRow>> ReadInspectionsAsync(
        DbConnection connection, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<InspectionRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var expires = reader.IsDBNull(14) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 14));
            rows.Add(new InspectionRow(new InspectionRecord(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 1)),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), NullableText(reader, 5), reader.GetString(6),
                Int(reader, 7) != 0, Int(reader, 8) != 0, Int(reader, 9), Int(reader, 10), Int(reader, 11),
                Convert.ToDouble(reader.GetValue(12), CultureInfo.InvariantCulture), [], [], NullableText(reader, 13), expires)));
        }

        return rows;
    }

    private static async Task AttachDevicesAsync(DbConnection connection, List<InspectionRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var byId = rows.ToDictionary(r => r.Head.Id);
        var names = rows.Select((_, n) => $"@i{n}").ToArray();
        await using var command = Command(connection, null,
            "SELECT inspection_id, device_id, barcode, barcode_raw, barcode_source, passed FROM aoi_history_devices " +
            $"WHERE inspection_id IN ({string.Join(", ", names)}) ORDER BY inspection_id, device_id",
            rows.Select((r, n) => ($"i{n}", (object?)r.Head.Id)).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byId[reader.GetString(0)].Devices.Add(new DeviceRecord(Int(reader, 1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), Int(reader, 5) != 0));
        }
    }
}
