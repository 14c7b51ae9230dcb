global using Aoi.Grains.Interfaces;
global using Xunit;
global using Aoi.Tests.TestSupport;
