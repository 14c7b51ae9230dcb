using System.Text.Json.Nodes;

namespace Aoi.Web.Ui.Progress;

/// <summary>One server-sent event of an inspection: its position in the run (the SSE id), its name and JSON data.</summary>
public sealed record ProgressEvent(int Sequence, string Name, JsonObject Data)
{
    public const string Started = "started";
    public const string Roi = "roi";
    public const string Done = "done";

    /// <summary>Not "error": EventSource reserves that name for its own connection errors.</summary>
    public const string Failed = "failed";
}
