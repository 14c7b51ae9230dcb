using Aoi.Grains.Products;

namespace Aoi.Web.Http;

/// <summary>Checks of path parameters (spec 7.0) shared by the endpoint groups.</summary>
public static class RouteValues
{
    public const string InvalidProductName = "Invalid product name";

    /// <summary>The product name of a path, or 400 "Invalid product name".</summary>
    public static string Product(string product) =>
        ProductNames.IsValid(product) ? product : throw new ApiException(StatusCodes.Status400BadRequest, InvalidProductName);

    /// <summary>
    /// Canonical session id (lower-case hyphenated UUID) or null. Ids are only ever minted as UUIDs, so anything else
    /// cannot name a session and need not activate a grain.
    /// </summary>
    public static string? SessionId(string? id) =>
        Guid.TryParse(id?.Trim(), out var guid) ? guid.ToString("D") : null;
}
