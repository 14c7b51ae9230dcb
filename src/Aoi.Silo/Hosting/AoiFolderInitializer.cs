using Aoi.Grains.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aoi.Silo.Hosting;

/// <summary>Creates the data, shared and product roots at start, so the first session or upload finds them.</summary>
public sealed partial class AoiFolderInitializer(AoiPaths paths, ILogger<AoiFolderInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, folder) in new[]
                 {
                     (nameof(AoiOptions.DataRoot), paths.DataRoot),
                     (nameof(AoiOptions.SharedRoot), paths.SharedRoot),
                     (nameof(AoiOptions.ProductRoot), paths.ProductRoot),
                 })
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{AoiOptions.SectionName}:{key} folder '{folder}' cannot be created: {ex.Message}", ex);
            }
        }

        LogFolders(paths.DataRoot, paths.SharedRoot, paths.ProductRoot);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "AOI folders: data {DataRoot}, shared {SharedRoot}, products {ProductRoot}")]
    private partial void LogFolders(string dataRoot, string sharedRoot, string productRoot);
}
