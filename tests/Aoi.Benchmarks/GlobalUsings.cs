global using Aoi.Contracts;
