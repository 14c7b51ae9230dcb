global using Aoi.Contracts;
global using Xunit;
