namespace Aoi.Web.Apis;

/// <summary>The concrete path to show in the catalogue for an endpoint whose template is constrained to one value.</summary>
public sealed record CataloguePathMetadata(string Path);
