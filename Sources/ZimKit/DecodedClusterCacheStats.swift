/// Counters of the decoded-cluster cache shared by all archives (see `Archive.setDecodedClusterCacheBytes`).
public struct DecodedClusterCacheStats: Sendable, Equatable {
    /// Cluster lookups answered from memory.
    public let hits: Int
    /// Cluster lookups that read the cluster from the file.
    public let misses: Int
    /// Bytes charged by the clusters held now (decoded size + compressed input while partly decoded).
    public let bytes: Int
    /// Clusters held now.
    public let clusters: Int
    /// The byte budget.
    public let budget: Int
    /// Bytes of buffer mappings kept for reuse beside the cache (at most a quarter of the budget, or
    /// 3 MiB when that is more: one 2 MB cluster's buffers).
    public let keptMappingBytes: Int
    /// Buffers that got a kept (already resident) mapping instead of a new one, since start.
    public let reusedMappings: Int
}
