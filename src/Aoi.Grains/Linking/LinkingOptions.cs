namespace Aoi.Grains.Linking;

/// <summary>Barcode linking service settings bound from "Aoi:Linking" (spec 1.4, 6.7).</summary>
public sealed class LinkingOptions
{
    public const string SectionName = "Aoi:Linking";
    public const double DEFAULT_TIMEOUT_SECONDS = 3;
    public const double DEFAULT_CACHE_SECONDS = 300;

    /// <summary>Absolute http(s) endpoint of the linking service; none = linking disabled.</summary>
    public string? Url { get; set; }

    /// <summary>Explicit switch; unset means "on when a URL is configured". Without a URL it can never be on.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Budget of one HTTP call (connect + answer); past it the barcode is "not linked".</summary>
    public double TimeoutSeconds { get; set; } = DEFAULT_TIMEOUT_SECONDS;

    /// <summary>How long an HTTP 200 answer (linked or not) is reused per barcode; 0 = no caching.</summary>
    public double CacheSeconds { get; set; } = DEFAULT_CACHE_SECONDS;

    public bool IsEnabled => Enabled != false && !string.IsNullOrWhiteSpace(Url);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan CacheTime => TimeSpan.FromSeconds(CacheSeconds);
}
