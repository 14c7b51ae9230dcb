using Aoi.Tests.Http;
using OpenCvSharp;

namespace Aoi.Tests.Hardening;

/// <summary>
/// One real server (co-hosted silo, loopback = admin) for the bad-input catalogue, arranged with a colour product
/// that has a colour file, a golden folder and an old-store golden, an open session, a good picture in the shared
/// root, and symbolic links in the shared root that lead out of it.
/// </summary>
public sealed class HardeningServer : AoiWebFactory, IAsyncLifetime
{
    public string Product { get; private set; } = "";
    public string Session { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public string GoldenFolder => Path.Combine(ProductRoot, Product, "golden_rois", "roi_1");
    public string ConfigFile => Path.Combine(ProductRoot, Product, $"rois_config_{Product}.json");

    /// <summary>A folder outside every root, with a file the links point at.</summary>
    public string Outside { get; } = Directory.CreateTempSubdirectory("aoi-outside-").FullName;

    public async ValueTask InitializeAsync()
    {
        Client = CreateClient();
        Product = await SyntheticProduct.CreateAsync(Client);
        await HttpAssert.JsonAsync(await Client.PostJsonAsync($"/api/products/{Product}/colors",
            """{"color_ranges": [{"name": "red", "lower": [200, 0, 0], "upper": [255, 60, 60]}]}"""));
        Directory.CreateDirectory(GoldenFolder);
        using (var golden = new Mat(100, 100, MatType.CV_8UC3, new Scalar(0, 0, 255)))
        {
            Cv2.ImWrite(Path.Combine(GoldenFolder, "best_golden.jpg"), golden);
            Cv2.ImWrite(Path.Combine(GoldenFolder, "1700000000000_golden_sample.jpg"), golden);
            Directory.CreateDirectory(Path.Combine(ProductRoot, Product, "golden"));
            Cv2.ImWrite(Path.Combine(ProductRoot, Product, "golden", "roi_1_golden.jpg"), golden);
        }

        Session = await SyntheticProduct.OpenSessionAsync(Client, Product);
        File.WriteAllBytes(Path.Combine(SharedRoot, "good.jpg"), SyntheticProduct.GoodImage());
        File.WriteAllText(Path.Combine(Outside, "secret.jpg"), "not for stations");
        File.WriteAllBytes(Path.Combine(Outside, "board.jpg"), SyntheticProduct.GoodImage());
        File.CreateSymbolicLink(Path.Combine(SharedRoot, "leak.jpg"), Path.Combine(Outside, "board.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(SharedRoot, "outside-dir"), Outside);
        File.WriteAllBytes(Path.Combine(SharedRoot, "empty.jpg"), []);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Outside, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; the OS cleans it eventually.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HardeningCollection : ICollectionFixture<HardeningServer>
{
    public const string Name = "aoi-hardening";
}

/// <summary>
/// The mixed-load run measures process-wide resources (open files, threads, heap), so nothing else may run beside
/// it: this collection runs alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HardeningLoadCollection : ICollectionFixture<HardeningServer>
{
    public const string Name = "aoi-hardening-load";
}
