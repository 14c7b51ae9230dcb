global using Aoi.Contracts;
global using Orleans;
