namespace Aoi.Grains.Engines.Ocr;

/// <summary>
/// Holds the process's OCR engine, loaded at start-up (spec 3.1 step 7). A load failure is kept as the reason
/// OCR ROIs fail with, so a missing model never turns into a pass; <see cref="Reload"/> retries (POST /api/initialize).
/// </summary>
public sealed class OcrEngineProvider
{
    private readonly Func<IOcrEngine> _load;
    private volatile LoadState _state;

    public OcrEngineProvider(Func<IOcrEngine> load)
    {
        _load = load;
        _state = Load(load);
    }

    /// <summary>Why the engine is not available; null when it is.</summary>
    public string? UnavailableReason => _state.Reason;

    public bool TryGet(out IOcrEngine engine, out string reason)
    {
        var state = _state;
        engine = state.Engine!;
        reason = state.Reason ?? "";
        return state.Engine is not null;
    }

    /// <summary>Loads the engine again; returns null on success, else the reason.</summary>
    public string? Reload()
    {
        _state = Load(_load);
        return _state.Reason;
    }

    private static LoadState Load(Func<IOcrEngine> load)
    {
        try
        {
            return new LoadState(load(), null);
        }
        catch (Exception ex)
        {
            return new LoadState(null, ex.Message);
        }
    }

    private sealed record LoadState(IOcrEngine? Engine, string? Reason);
}
