namespace Aoi.Grains.Engines;

/// <summary>
/// Lets an engine free its native sessions while other threads may still be running them. A run holds a shared lease;
/// disposal waits for the runs in progress and refuses later ones with <see cref="ObjectDisposedException"/>. Work
/// that can outlive its host — a golden library's model rebuilt in the background, a warm-up step — then fails like
/// any engine error instead of crashing the process inside ONNX Runtime.
/// </summary>
public sealed class NativeRunGuard(string owner)
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private bool _disposed;

    public T Run<T>(Func<T> run)
    {
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, owner);
            return run();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Waits for the runs in progress; true only for the first call, which then frees the native resources.</summary>
    public bool BeginDispose()
    {
        _lock.EnterWriteLock();
        try
        {
            var first = !_disposed;
            _disposed = true;
            return first;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
