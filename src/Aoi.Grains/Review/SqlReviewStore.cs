using System.Data.Common;
using System.Globalization;
using Aoi.Grains.History;
using static Aoi.Grains.History.SqlCommands;

namespace Aoi.Grains.Review;

/// <summary>
/// <see cref="IReviewStore"/> in the history database, in SQL that SQLite and PostgreSQL both accept (the tables come
/// from the history migration *-History-003-Review.sql). A ROI has at most one verdict in force (a partial unique
/// index); storing a new one marks the earlier one replaced in the same transaction.
/// </summary>
public sealed class SqlReviewStore(IHistoryDatabase database) : IReviewStore
{
    private const string Columns =
        "v.review_id, v.inspection_id, v.roi_id, v.product, v.verdict, v.defect_kind, v.note, v.learned, v.golden_file, v.reason, " +
        "v.reviewer, v.reviewer_role, v.reviewed_at_ms, v.in_force, v.replaced_by";

    private const string Unreviewed =
        "r.passed = 0 AND NOT EXISTS (SELECT 1 FROM aoi_review_verdicts v WHERE v.inspection_id = r.inspection_id " +
        "AND v.roi_id = r.roi_id AND v.in_force = 1)";

    /// <summary>A store that lost a race for the same ROI (another verdict became in force meanwhile) tries again.</summary>
    private const int StoreAttempts = 3;

    public async Task<ReviewQueuePage> QueueAsync(InspectionQuery query, CancellationToken cancellationToken)
    {
        var (where, parameters) = SqlHistoryStore.Filter(query with { Passed = null });
        // Devices and details are at most one row per ROI (their primary keys), so the joins never change the count.
        var from = " FROM aoi_history_rois r JOIN aoi_history_inspections i ON i.id = r.inspection_id" +
            " LEFT JOIN aoi_history_devices d ON d.inspection_id = r.inspection_id AND d.device_id = r.device_id" +
            $" LEFT JOIN aoi_history_roi_details x ON x.inspection_id = r.inspection_id AND x.roi_id = r.roi_id{where} AND {Unreviewed}";
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = Convert.ToInt64(await ScalarAsync(connection, "SELECT COUNT(*)" + from, cancellationToken, parameters), CultureInfo.InvariantCulture);

        var paged = parameters.Append(("limit", (object?)query.PageSize))
            .Append(("offset", (object?)((long)(query.Page - 1) * query.PageSize))).ToArray();
        await using var command = Command(connection, null,
            "SELECT i.id, i.recorded_at_ms, i.product, i.station, d.barcode, r.roi_id, r.roi_type, r.device_id, r.score, r.threshold, " +
            "r.decoded, r.error, i.image_folder, r.image_file, r.golden_file, x.detail" + from +
            " ORDER BY i.recorded_at_ms DESC, i.id DESC, r.roi_id LIMIT @limit OFFSET @offset", paged);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<ReviewQueueItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ReviewQueueItem(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 1)), reader.GetString(2),
                NullableText(reader, 3), NullableText(reader, 4), Int(reader, 5), reader.GetString(6), Int(reader, 7),
                NullableDouble(reader, 8), NullableDouble(reader, 9), NullableText(reader, 10), NullableText(reader, 11),
                NullableText(reader, 12), NullableText(reader, 13), NullableText(reader, 14), NullableText(reader, 15)));
        }

        return new ReviewQueuePage(items, total, query.Page, query.PageSize);
    }

    public async Task<ReviewRecord?> InForceAsync(string inspectionId, int roiId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, null, "WHERE v.inspection_id = @id AND v.roi_id = @roi AND v.in_force = 1",
            cancellationToken, ("id", inspectionId), ("roi", roiId))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<ReviewRecord>> ForInspectionAsync(string inspectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, "WHERE v.inspection_id = @id ORDER BY v.roi_id, v.reviewed_at_ms, v.review_id",
            cancellationToken, ("id", inspectionId));
    }

    public async Task<ReviewRecord?> StoreAsync(ReviewRecord review, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreOnceAsync(review, cancellationToken);
            }
            catch (DbException) when (attempt < StoreAttempts && !cancellationToken.IsCancellationRequested)
            {
                // Two verdicts on one ROI at once: the unique index refused the second; it replaces the first now.
            }
        }
    }

    public async Task<ReviewStats> StatsAsync(string? product, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (where, parameters) = SqlHistoryStore.Filter(new InspectionQuery(Product: product, From: from, To: to));
        await using var connection = await database.OpenAsync(cancellationToken);
        var rois = new List<RoiReviewStats>();
        await using (var command = Command(connection, null,
            "SELECT i.product, r.roi_id, r.roi_type, COUNT(*), SUM(1 - r.passed), " +
            "SUM(CASE WHEN v.verdict IS NULL THEN 0 ELSE 1 END), " +
            $"SUM(CASE WHEN v.verdict = '{ReviewVerdicts.Defect}' THEN 1 ELSE 0 END), " +
            $"SUM(CASE WHEN v.verdict = '{ReviewVerdicts.FalseCall}' THEN 1 ELSE 0 END) " +
            "FROM aoi_history_rois r JOIN aoi_history_inspections i ON i.id = r.inspection_id " +
            "LEFT JOIN aoi_review_verdicts v ON v.inspection_id = r.inspection_id AND v.roi_id = r.roi_id AND v.in_force = 1" +
            $"{where} GROUP BY i.product, r.roi_id, r.roi_type ORDER BY i.product, r.roi_id", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rois.Add(new RoiReviewStats(reader.GetString(0), Int(reader, 1), reader.GetString(2),
                    new RoiReviewCounts(Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6), Long(reader, 7))));
            }
        }

        // A failed inspection passes after review when it had failed ROIs and every one of them is a confirmed false call.
        var products = new List<ProductReviewStats>();
        await using (var command = Command(connection, null,
            "SELECT i.product, COUNT(*), SUM(i.passed), SUM(CASE WHEN i.passed = 1 OR (i.failed_rois > 0 AND NOT EXISTS (" +
            "SELECT 1 FROM aoi_history_rois r LEFT JOIN aoi_review_verdicts v ON v.inspection_id = r.inspection_id " +
            "AND v.roi_id = r.roi_id AND v.in_force = 1 WHERE r.inspection_id = i.id AND r.passed = 0 " +
            $"AND (v.verdict IS NULL OR v.verdict <> '{ReviewVerdicts.FalseCall}'))) THEN 1 ELSE 0 END) " +
            $"FROM aoi_history_inspections i{where} GROUP BY i.product ORDER BY i.product", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var totals = rois.Where(r => r.Product == name).Aggregate(RoiReviewCounts.None, (sum, r) => sum.Plus(r.Counts));
                products.Add(new ProductReviewStats(name, Long(reader, 1), Long(reader, 2), Long(reader, 3), totals));
            }
        }

        return new ReviewStats(products, rois);
    }

    public async Task<IReadOnlyList<ConfirmedFalseCall>> FalseCallsAsync(string product, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT v.inspection_id, v.roi_id, i.image_folder, r.image_file FROM aoi_review_verdicts v " +
            "LEFT JOIN aoi_history_inspections i ON i.id = v.inspection_id " +
            "LEFT JOIN aoi_history_rois r ON r.inspection_id = v.inspection_id AND r.roi_id = v.roi_id " +
            $"WHERE v.product = @product AND v.in_force = 1 AND v.verdict = '{ReviewVerdicts.FalseCall}' ORDER BY v.roi_id, v.reviewed_at_ms, v.inspection_id",
            ("product", product));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var calls = new List<ConfirmedFalseCall>();
        while (await reader.ReadAsync(cancellationToken))
        {
            calls.Add(new ConfirmedFalseCall(reader.GetString(0), Int(reader, 1), NullableText(reader, 2), NullableText(reader, 3)));
        }

        return calls;
    }

    private async Task<ReviewRecord?> StoreOnceAsync(ReviewRecord review, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = new (string, object?)[] { ("id", review.InspectionId), ("roi", review.RoiId) };
        if (database.Kind == "postgres")
        {
            // Read committed would let two verdicts both see no verdict in force and collide on the unique index; a
            // lock per ROI makes the second wait and replace the first. SQLite's write lock already serialises.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@lock))", cancellationToken,
                ("lock", $"aoi-review:{review.InspectionId}/{review.RoiId}"));
        }

        var previous = (await ReadAsync(connection, transaction, "WHERE v.inspection_id = @id AND v.roi_id = @roi AND v.in_force = 1",
            cancellationToken, key)).FirstOrDefault();
        await ExecuteAsync(connection, transaction,
            "UPDATE aoi_review_verdicts SET in_force = 0, replaced_by = @by WHERE inspection_id = @id AND roi_id = @roi AND in_force = 1",
            cancellationToken, [.. key, ("by", review.ReviewId)]);
        await ExecuteAsync(connection, transaction,
            "INSERT INTO aoi_review_verdicts (review_id, inspection_id, roi_id, product, verdict, defect_kind, note, learned, golden_file, " +
            "reason, reviewer, reviewer_role, reviewed_at_ms, in_force, replaced_by) VALUES (@review, @id, @roi, @product, @verdict, " +
            "@kind, @note, @learned, @golden, @reason, @reviewer, @role, @at, 1, NULL)", cancellationToken,
            [.. key, ("review", review.ReviewId), ("product", review.Product), ("verdict", review.Verdict), ("kind", review.DefectKind),
                ("note", review.Note), ("learned", Bit(review.Learned)), ("golden", review.GoldenFile), ("reason", review.Reason),
                ("reviewer", review.Reviewer), ("role", review.ReviewerRole), ("at", review.ReviewedAt.ToUnixTimeMilliseconds())]);
        await transaction.CommitAsync(cancellationToken);
        return previous;
    }

    private static async Task<List<ReviewRecord>> ReadAsync(DbConnection connection, DbTransaction? transaction, string condition,
        CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, $"SELECT {Columns} FROM aoi_review_verdicts v {condition}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<ReviewRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ReviewRecord(reader.GetString(0), reader.GetString(1), Int(reader, 2), reader.GetString(3), reader.GetString(4),
                NullableText(reader, 5), NullableText(reader, 6), Int(reader, 7) != 0, NullableText(reader, 8), NullableText(reader, 9),
                reader.GetString(10), reader.GetString(11), DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 12)), Int(reader, 13) != 0,
                NullableText(reader, 14)));
        }

        return records;
    }
}
