using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Demo;

/// <summary>
/// Seeds the demo product and pictures on first start. Idempotent: an existing DEMO-BOARD folder is never touched
/// (an operator may have edited it) and existing demo pictures are kept. Each artefact appears whole or not at all:
/// it is written under a temporary name in the destination folder and renamed into place.
/// </summary>
public static class DemoSeeder
{
    /// <summary>Seeds what is missing; true when anything was written.</summary>
    public static Task<bool> SeedIfMissingAsync(AoiPaths paths, ILogger logger, CancellationToken cancellationToken = default) =>
        Task.Run(() => Seed(paths, logger), cancellationToken);

    private static bool Seed(AoiPaths paths, ILogger logger)
    {
        var generator = new DemoProductGenerator();
        var wroteProduct = SeedProduct(paths, generator, logger);
        var wrotePictures = SeedPictures(paths, generator, logger);
        return wroteProduct || wrotePictures;
    }

    private static bool SeedProduct(AoiPaths paths, DemoProductGenerator generator, ILogger logger)
    {
        var target = paths.ProductFolder(DemoProductGenerator.ProductName);
        if (Directory.Exists(target))
        {
            return false;
        }

        Directory.CreateDirectory(paths.ProductRoot);
        // Leading dot: not a valid product name, so a half-written folder is never listed as a product.
        var temp = Path.Combine(paths.ProductRoot, $".{DemoProductGenerator.ProductName}.seeding-{Guid.NewGuid():N}");
        try
        {
            generator.WriteProduct(temp);
            Directory.Move(temp, target);
            logger.LogInformation("Seeded demo product {Product} in {Folder}", DemoProductGenerator.ProductName, target);
            return true;
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // Another process seeded it first; theirs stands.
            return false;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static bool SeedPictures(AoiPaths paths, DemoProductGenerator generator, ILogger logger)
    {
        var folder = Path.Combine(paths.SharedRoot, DemoProductGenerator.DemoFolderName);
        var wrote = false;
        foreach (var (name, missingPart) in new[]
                 {
                     (DemoProductGenerator.DemoPictureName, false),
                     (DemoProductGenerator.FaultyPictureName, true),
                 })
        {
            var target = Path.Combine(folder, name);
            if (File.Exists(target))
            {
                continue;
            }

            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var picture = generator.RenderPicture(missingPart))
                {
                    File.WriteAllBytes(temp, DemoProductGenerator.EncodeJpeg(picture));
                }

                File.Move(temp, target, overwrite: false);
                wrote = true;
                logger.LogInformation("Seeded demo picture {Picture}", target);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Written concurrently by another process; keep theirs.
            }
            finally
            {
                File.Delete(temp);
            }
        }

        return wrote;
    }
}
