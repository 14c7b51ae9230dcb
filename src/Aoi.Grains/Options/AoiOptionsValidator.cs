using Microsoft.Extensions.Options;

namespace Aoi.Grains.Options;

/// <summary>Checks the folder settings at start and names the bad key, so a typo fails fast instead of at the first request.</summary>
public sealed class AoiOptionsValidator : IValidateOptions<AoiOptions>
{
    public ValidateOptionsResult Validate(string? name, AoiOptions options)
    {
        var errors = new List<string>();
        CheckFolder(errors, nameof(AoiOptions.DataRoot), options.DataRoot, required: true);
        CheckFolder(errors, nameof(AoiOptions.SharedRoot), options.SharedRoot, required: false);
        CheckFolder(errors, nameof(AoiOptions.ProductRoot), options.ProductRoot, required: false);
        if (string.IsNullOrWhiteSpace(options.ClientPrefix) || !options.ClientPrefix.StartsWith('/'))
        {
            errors.Add($"{AoiOptions.SectionName}:ClientPrefix must be an absolute client path such as /mnt/visual-aoi-shared/, not '{options.ClientPrefix}'");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckFolder(List<string> errors, string key, string? value, bool required)
    {
        var setting = $"{AoiOptions.SectionName}:{key}";
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{setting} is required (a folder path)");
            }

            return;
        }

        string full;
        try
        {
            full = Path.GetFullPath(value);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add($"{setting} '{value}' is not a valid path: {ex.Message}");
            return;
        }

        if (File.Exists(full))
        {
            errors.Add($"{setting} '{full}' is a file, not a folder");
        }
    }
}
