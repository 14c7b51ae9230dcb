using System.ComponentModel.DataAnnotations;

namespace Aoi.Grains.Options;

/// <summary>Server settings bound from the "Aoi" section (spec 1.4); environment overrides use Aoi__Key.</summary>
public sealed class AoiOptions
{
    public const string SectionName = "Aoi";

    /// <summary>Root of everything the server keeps (SQLite database, default shared and product roots).</summary>
    [Required] public string DataRoot { get; set; } = "./data";

    /// <summary>Shared folder exchanged with line clients; default &lt;DataRoot&gt;/shared.</summary>
    public string? SharedRoot { get; set; }

    /// <summary>Folder of product configurations and golden libraries; default &lt;DataRoot&gt;/products.</summary>
    public string? ProductRoot { get; set; }

    /// <summary>Fixed wire prefix the clients use for the shared root.</summary>
    [Required] public string ClientPrefix { get; set; } = "/mnt/visual-aoi-shared/";

    [Range(1, int.MaxValue)] public int SessionIdleTimeoutSeconds { get; set; } = 3600;

    [Range(1, 300)] public int SessionSweepSeconds { get; set; } = 300;

    [Range(1, long.MaxValue)] public long MaxRequestBodyBytes { get; set; } = 200L * 1024 * 1024;

    [Range(1, 1000)] public int MaxImageMegapixels { get; set; } = 100;

    [Range(0.0, 1.0)] public double DefaultCompareThreshold { get; set; } = 0.9;

    /// <summary>ROIs processed at once per silo: the ROI worker pool size; 0 = processor count (the pool's default).</summary>
    [Range(0, 256)] public int RoiParallelism { get; set; }

    /// <summary>Per-ROI time budget; a ROI over it fails with a timeout error while the others continue.</summary>
    [Range(1, 600)] public int RoiTimeoutSeconds { get; set; } = 30;

    [Range(1, 100)] public int OutputJpegQuality { get; set; } = 95;

    /// <summary>How the compare backbone computes (ResNet-18 stages 1–3): Int8Screening (default: models on FP32, every
    /// crop scored on int8 first and again on FP32 unless it is a clear pass, so the decisions are FP32's), Float32 as
    /// packaged, or Int8, statically quantised on the committed activation ranges (about 3× faster forward on CPUs with
    /// VNNI, at some accuracy).</summary>
    public Engines.Compare.BackbonePrecision CompareBackbone { get; set; } = Engines.Compare.BackbonePrecision.Int8Screening;

    /// <summary>feature_method values routed to the deep model (spec 3.3).</summary>
    public string[] DeepModelNames { get; set; } = ["mobilenet", "resnet18"];

    /// <summary>Seed the generated demo product and picture on first start.</summary>
    public bool SeedDemo { get; set; } = true;

    public int EffectiveRoiParallelism => RoiParallelism > 0 ? RoiParallelism : Environment.ProcessorCount;
}
