global using Aoi.Grains.Interfaces;
global using Xunit;
