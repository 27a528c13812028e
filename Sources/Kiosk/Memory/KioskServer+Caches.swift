import ZimKit

extension KioskServer {
    /// Sizes the two caches again from the memory available now (`wikikiosk serve` does it on
    /// SIGHUP: the board's memory or the service's `MemoryMax=` may have changed). What the
    /// caches hold counts as available (it is theirs to keep); a part given by a flag at start
    /// keeps its size. A smaller gzip budget drops pages at once, a smaller cluster budget
    /// evicts clusters at once. The memory guard then grows them back to these sizes, not to older ones.
    @discardableResult
    public func resizeCaches(limits: MemoryLimits? = MemoryLimits.read(), compressedMiB: Int?, clusterMiB: Int?) -> CacheBudget {
        let held = compressedBodies.byteCount + Archive.decodedClusterCacheStats.bytes
        let counted = limits.map { MemoryLimits(total: $0.total, available: min($0.total, $0.available + held),
                                                cgroupLimit: $0.cgroupLimit) }
        let budget = CacheBudget.choose(limits: counted, compressedMiB: compressedMiB, clusterMiB: clusterMiB)
        compressedBodies.resize(to: budget.compressedBodies)
        Archive.setDecodedClusterCacheBytes(budget.clusters)
        memoryGuard.reset()
        return budget
    }

    /// What the caches did since start, for the log at stop ("caches since start: gzip pages
    /// 71 % of 61234 lookups answered, 24 of 24 MiB held; clusters 35 % of …").
    var cacheSummary: String {
        let pages = compressedBodies.lookups, clusters = Archive.decodedClusterCacheStats
        func percent(_ part: Int, _ whole: Int) -> Int { whole > 0 ? part * 100 / whole : 0 }
        return "caches since start: gzip pages \(percent(pages.hits, pages.all)) % of \(pages.all) lookups answered, "
            + "\(CacheBudget.mebibytes(compressedBodies.byteCount)) of \(CacheBudget.mebibytes(compressedBodies.budget)) MiB held; "
            + "clusters \(percent(clusters.hits, clusters.hits + clusters.misses)) % of \(clusters.hits + clusters.misses) lookups, "
            + "\(CacheBudget.mebibytes(clusters.bytes)) of \(CacheBudget.mebibytes(clusters.budget)) MiB held"
            + (compressedBodies.spill.map { spill in
                let (lookups, usage) = (spill.lookups, spill.usage)
                return "; gzip pages on disk \(percent(lookups.hits, lookups.all)) % of \(lookups.all) lookups answered, "
                    + "\(usage.pages) pages in \(CacheBudget.mebibytes(usage.bytes)) of \(CacheBudget.mebibytes(spill.budget)) MiB"
            } ?? "")
    }
}
