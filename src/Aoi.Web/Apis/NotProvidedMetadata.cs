namespace Aoi.Web.Apis;

/// <summary>Marks a route that exists only to answer 404 on purpose (spec 7.8); the catalogue leaves it out.</summary>
public sealed class NotProvidedMetadata;
