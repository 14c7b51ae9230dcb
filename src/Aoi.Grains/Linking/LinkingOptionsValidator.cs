using Microsoft.Extensions.Options;

namespace Aoi.Grains.Linking;

/// <summary>Rejects unusable linking settings at startup, naming the offending key.</summary>
public sealed class LinkingOptionsValidator : IValidateOptions<LinkingOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkingOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Url) && !IsHttpUrl(options.Url))
        {
            failures.Add($"{LinkingOptions.SectionName}:Url must be an absolute http or https URL (got '{options.Url}').");
        }

        // TimeSpan.FromSeconds overflows long before these bounds matter; a day is far beyond any sane budget.
        if (!(options.TimeoutSeconds > 0 && options.TimeoutSeconds <= 86_400))
        {
            failures.Add($"{LinkingOptions.SectionName}:TimeoutSeconds must be in (0, 86400] (got {options.TimeoutSeconds}).");
        }

        if (!(options.CacheSeconds >= 0 && options.CacheSeconds <= 86_400 * 365))
        {
            failures.Add($"{LinkingOptions.SectionName}:CacheSeconds must be in [0, 31536000] (got {options.CacheSeconds}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
