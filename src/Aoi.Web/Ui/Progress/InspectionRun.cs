using System.Text.Json.Nodes;
using Aoi.Web.Legacy;

namespace Aoi.Web.Ui.Progress;

/// <summary>
/// One asynchronous inspection as the browser follows it: every event is kept in order, so a watcher that connects
/// late (or reconnects with Last-Event-ID) replays what it missed and then waits for the rest.
/// </summary>
public sealed class InspectionRun
{
    private readonly Lock _gate = new();
    private readonly List<ProgressEvent> _events = [];
    private readonly HashSet<int> _reportedRois = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InspectionRun(string id, string sessionId, string productName, string? picture, DateTimeOffset startedAt)
    {
        Id = id;
        SessionId = sessionId;
        ProductName = productName;
        Picture = picture;
        StartedAt = startedAt;
        Append(ProgressEvent.Started, new JsonObject
        {
            ["inspection_id"] = id,
            ["session_id"] = sessionId,
            ["product_name"] = productName,
            ["picture"] = picture,
        });
    }

    public string Id { get; }
    public string SessionId { get; }
    public string ProductName { get; }

    /// <summary>Picture path relative to the shared root (for previews); null when it lies elsewhere.</summary>
    public string? Picture { get; }

    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public bool Finished => FinishedAt is not null;

    /// <summary>Overall verdict once the inspection answered 200; null while running or after a failure.</summary>
    public bool? Passed { get; private set; }

    public JsonObject? Overall { get; private set; }
    public int? FailureStatus { get; private set; }
    public string? FailureError { get; private set; }

    /// <summary>A ROI finished; reported once even if the final response repeats it.</summary>
    public void RoiFinished(JsonObject roiResult)
    {
        var id = roiResult["roi_id"]?.GetValue<int>() ?? 0;
        TaskCompletionSource wake;
        lock (_gate)
        {
            // A one-way progress message may arrive after the final answer; by then the ROI is already reported.
            if (Finished || !_reportedRois.Add(id))
            {
                return;
            }

            wake = AppendLocked(ProgressEvent.Roi, roiResult);
        }

        wake.TrySetResult();
    }

    /// <summary>
    /// The inspection answered: any ROI the progress channel did not deliver (a worker call that threw) is reported
    /// from the response first, so every watcher sees one roi event per ROI before the verdict.
    /// </summary>
    public void Complete(JsonObject response)
    {
        foreach (var roi in response["roi_results"]?.AsArray() ?? [])
        {
            if (roi is JsonObject result)
            {
                RoiFinished((JsonObject)result.DeepClone());
            }
        }

        var overall = response["overall_result"]?.AsObject();
        var passed = overall?["passed"]?.GetValue<bool>() == true;
        lock (_gate)
        {
            Passed = passed;
            Overall = (JsonObject?)overall?.DeepClone();
        }

        Finish(ProgressEvent.Done, new JsonObject
        {
            ["inspection_id"] = Id,
            ["status"] = StatusCodes.Status200OK,
            ["verdict"] = passed ? "PASS" : "FAIL",
            ["response"] = response,
        });
    }

    public void Fail(int status, string error, IReadOnlyList<string>? validationErrors)
    {
        lock (_gate)
        {
            FailureStatus = status;
            FailureError = error;
        }

        var data = new JsonObject { ["inspection_id"] = Id, ["status"] = status, ["error"] = error };
        if (validationErrors is not null)
        {
            data["validation_errors"] = new JsonArray(validationErrors.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        Finish(ProgressEvent.Failed, data);
    }

    /// <summary>Events from <paramref name="from"/> on, whether the run has ended, and a task that completes on the next change.</summary>
    public (IReadOnlyList<ProgressEvent> Events, bool Finished, Task Changed) Read(int from)
    {
        lock (_gate)
        {
            var start = Math.Clamp(from, 0, _events.Count);
            return (_events.GetRange(start, _events.Count - start), Finished, _changed.Task);
        }
    }

    /// <summary>The summary the Overview page lists.</summary>
    public JsonObject Summary()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["inspection_id"] = Id,
                ["session_id"] = SessionId,
                ["product_name"] = ProductName,
                ["picture"] = Picture,
                ["started_at"] = WireTime.Iso(StartedAt),
                ["finished_at"] = FinishedAt is { } finished ? WireTime.Iso(finished) : null,
                ["state"] = !Finished ? "running" : FailureStatus is null ? "done" : "failed",
                ["verdict"] = Passed is { } passed ? passed ? "PASS" : "FAIL" : null,
                ["overall_result"] = Overall?.DeepClone(),
                ["rois_reported"] = _reportedRois.Count,
                ["status"] = FailureStatus ?? (Finished ? StatusCodes.Status200OK : null),
                ["error"] = FailureError,
            };
        }
    }

    private void Finish(string name, JsonObject data)
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            if (Finished)
            {
                return;
            }

            FinishedAt = DateTimeOffset.Now;
            wake = AppendLocked(name, data);
        }

        wake.TrySetResult();
    }

    private void Append(string name, JsonObject data)
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            wake = AppendLocked(name, data);
        }

        wake.TrySetResult();
    }

    /// <summary>Adds the event and swaps the change signal; the caller completes the old signal outside the lock.</summary>
    private TaskCompletionSource AppendLocked(string name, JsonObject data)
    {
        _events.Add(new ProgressEvent(_events.Count, name, data));
        var wake = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return wake;
    }
}
