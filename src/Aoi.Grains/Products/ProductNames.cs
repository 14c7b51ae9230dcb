using System.Text.RegularExpressions;

namespace Aoi.Grains.Products;

/// <summary>Product name rules of spec 7.0 (path parameter) and 7.2 (create cleaning).</summary>
public static partial class ProductNames
{
    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValidName();

    /// <summary>1–64 characters of A–Z a–z 0–9 . _ -, not starting with '.'.</summary>
    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    /// <summary>Create-time cleaning: trim, keep only ASCII letters, digits, '_' and '-'.</summary>
    public static string Clean(string name) =>
        new(name.Trim().Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').ToArray());
}
