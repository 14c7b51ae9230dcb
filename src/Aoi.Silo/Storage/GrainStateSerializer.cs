using Microsoft.Extensions.Options;
using Newtonsoft.Json.Serialization;
using Orleans.Serialization;
using Orleans.Storage;

namespace Aoi.Silo.Storage;

/// <summary>
/// The grain storage serializer of "aoi": Orleans' own Newtonsoft JSON format, whose payload names CLR types
/// ("$type"), with one addition: type names written before a type moved are read as the type's current name, so
/// stored state survives namespace and folder changes. Writes always use current names.
/// </summary>
public static class GrainStateSerializer
{
    /// <summary>
    /// Old namespace prefix → current one, for every serialized type that has moved. Append only: a row written by
    /// any past version must keep loading.
    /// </summary>
    public static readonly IReadOnlyList<(string Old, string Current)> MovedNamespaces =
    [
        // Interfaces project namespace renamed to the project name (issue 12); AuditEntry sits in audit-day state.
        ("Aoi.Contracts.", "Aoi.Grains.Interfaces."),
    ];

    public static IGrainStorageSerializer Create(IServiceProvider services)
    {
        var settings = OrleansJsonSerializerSettings.GetDefaultSerializerSettings(services);
        settings.SerializationBinder = new MovedTypeBinder(settings.SerializationBinder ?? new DefaultSerializationBinder());
        return new JsonGrainStorageSerializer(new OrleansJsonSerializer(
            Options.Create(new OrleansJsonSerializerOptions { JsonSerializerSettings = settings })));
    }

    /// <summary>
    /// Rewrites old names (also inside generic arguments, e.g. List`1[[Aoi.Contracts.AuditEntry, …]]) before Orleans'
    /// binder, with its type allow-list, resolves them.
    /// </summary>
    private sealed class MovedTypeBinder(ISerializationBinder inner) : ISerializationBinder
    {
        public Type BindToType(string? assemblyName, string typeName) => inner.BindToType(assemblyName, Current(typeName));

        public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
            inner.BindToName(serializedType, out assemblyName, out typeName);

        private static string Current(string typeName)
        {
            foreach (var (old, current) in MovedNamespaces)
            {
                typeName = typeName.Replace(old, current, StringComparison.Ordinal);
            }

            return typeName;
        }
    }
}
