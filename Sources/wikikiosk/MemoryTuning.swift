import CMalloc
import ZimKit

/// Memory settings for a small board, applied before any thread or archive exists.
enum MemoryTuning {
    /// - Limits glibc to 2 malloc arenas: with one arena per worker thread, memory freed by
    ///   one thread stays reserved to it, and peak RSS grows with the thread count for nothing.
    /// - Sets libzim's per-book cluster cache (read when each archive is opened; since zstd
    ///   clusters are read by CZim, libzim's cache only serves search snippets, metadata and
    ///   xz/uncompressed clusters) and the decoded-cluster cache shared by all books.
    static func apply(clusterCache: Int, clusterCacheBytes: Int) {
        _ = mallopt(M_ARENA_MAX, 2)
        Archive.setClusterCacheSize(max(1, clusterCache))
        Archive.setDecodedClusterCacheBytes(max(1 << 20, clusterCacheBytes))
    }
}
