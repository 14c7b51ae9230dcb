using System.Globalization;
using System.Text;
using Aoi.Grains.History;
using Aoi.Web.Legacy;

namespace Aoi.Web.Apis;

/// <summary>The history list as CSV (RFC 4180: comma, CRLF, fields with comma/quote/newline quoted).</summary>
public static class HistoryCsv
{
    public const string Header =
        "id,time,product,session_id,station,verdict,total_rois,passed_rois,failed_rois,processing_time_ms,barcodes,barcodes_raw,grouped";

    public static string Write(IEnumerable<InspectionRecord> records)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var r in records)
        {
            var fields = new[]
            {
                r.Id, WireTime.Iso(r.RecordedAt), r.Product, r.SessionId, r.Station ?? "", r.Passed ? "pass" : "fail",
                Number(r.TotalRois), Number(r.PassedRois), Number(r.FailedRois), r.ProcessingMs.ToString(CultureInfo.InvariantCulture),
                string.Join(';', r.Devices.Select(d => $"{d.DeviceId}:{d.Barcode}")),
                string.Join(';', r.Devices.Select(d => $"{d.DeviceId}:{d.BarcodeRaw}")),
                r.Grouped ? "true" : "false",
            };
            csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
