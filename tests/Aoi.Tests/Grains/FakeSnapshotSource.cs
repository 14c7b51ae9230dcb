using System.Collections.Concurrent;
using Aoi.Grains.Inspection;

namespace Aoi.Tests.Grains;

/// <summary>Product snapshots set by the tests; unknown products are "not found" like the product grain's answer.</summary>
public sealed class FakeSnapshotSource : IProductSnapshotSource
{
    private readonly ConcurrentDictionary<string, SnapshotResult> _products = new();

    public void Set(string productName, SnapshotResult result) => _products[productName] = result;

    public Task<SnapshotResult> GetSnapshotAsync(string productName) =>
        Task.FromResult(_products.TryGetValue(productName, out var result) ? result : new SnapshotResult(null, true, []));
}
