namespace Aoi.Grains.Linking;

/// <summary>Translates a chosen device barcode through the linking service (spec 6.7); null = not linked.</summary>
public interface IBarcodeLinker
{
    Task<string?> LinkAsync(string barcode, CancellationToken cancellationToken);
}

/// <summary>Linking switched off (no URL configured): every lookup is "not linked".</summary>
public sealed class DisabledBarcodeLinker : IBarcodeLinker
{
    public Task<string?> LinkAsync(string barcode, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
