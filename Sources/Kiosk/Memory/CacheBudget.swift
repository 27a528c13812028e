/// How much memory the kiosk's two big caches get: the gzip copies of pages being read
/// (`CompressedBodyCache`) and the decompressed ZIM clusters shared by all books.
///
/// Chosen from what the board has when the flags don't say: an eighth of the memory available
/// at start (`MemoryLimits.available`: `MemAvailable`, or the cgroup's room when it is
/// tighter), at least 24 MiB (the sizes of the first release, 16 + 8) and at most 64 MiB (on a
/// machine with free memory the whole process then peaks at about kiwix-serve's, BENCHMARKS.md).
/// Gzip pages get 24 MiB first — about 2,800 real pages of ~8.6 KB gzipped, more than the
/// 2,000 a busy room cycles through — or 3/8 when that is more, leaving clusters at least
/// 8 MiB; clusters get the rest: a page not yet in memory costs decompressing its cluster up to
/// it, and a cluster kept (partly decoded) serves its other pages for the price of the part
/// still to decode (on the benchmark's cold pass, 24 → 40 MiB of clusters: 949 → 1,075 pages/s,
/// with the Zipf load unchanged). A Pi Zero 2 W (512 MB, ~380 MB available) gets about
/// 24 + 23 MiB; a Pi 4 with 1 GB or more the ceiling, 24 + 40 MiB.
public struct CacheBudget: Sendable, Equatable {
    /// Bytes for gzip copies of pages.
    public var compressedBodies: Int
    /// Bytes for decompressed clusters.
    public var clusters: Int
    /// Why these sizes, for the log: "auto: 1/8 of 3.5 GiB available" or "flags".
    public var reason: String

    public static let minimum = 24 << 20
    public static let maximum = 64 << 20
    /// The share of available memory the caches take together.
    public static let share = 8
    /// What gzip pages get before clusters get more than their minimum.
    public static let pagesFirst = 24 << 20
    public static let minimumClusters = 8 << 20

    public init(compressedBodies: Int, clusters: Int, reason: String) {
        self.compressedBodies = compressedBodies
        self.clusters = clusters
        self.reason = reason
    }

    /// The budget for `limits`, each cache's flag overriding its part (nil = automatic).
    /// Without limits (not Linux), the first release's sizes.
    public static func choose(limits: MemoryLimits?, compressedMiB: Int?, clusterMiB: Int?) -> CacheBudget {
        let total: Int
        var reason: String
        if let limits {
            total = min(maximum, max(minimum, limits.available / share))
            reason = "1/\(share) of \(Self.mebibytes(limits.available)) MiB available"
                + (limits.cgroupLimit.map { " (cgroup limit \(Self.mebibytes($0)) MiB)" } ?? "")
                + ", within \(minimum >> 20)–\(maximum >> 20) MiB"
        } else {
            total = minimum
            reason = "memory unknown: \(minimum >> 20) MiB"
        }
        var compressed = min(total - minimumClusters, max(pagesFirst, total * 3 / 8))
        var clusters = total - compressed
        if let compressedMiB {
            compressed = max(0, compressedMiB) << 20
            reason += "; --cache-mib given"
        }
        if let clusterMiB {
            clusters = max(1, clusterMiB) << 20
            reason += "; --cluster-cache-mib given"
        }
        return CacheBudget(compressedBodies: compressed, clusters: clusters, reason: reason)
    }

    /// The log line: "caches: 50 MiB of gzip pages, 30 MiB of clusters (1/8 of …)".
    public var summary: String {
        "caches: \(Self.mebibytes(compressedBodies)) MiB of gzip pages, \(Self.mebibytes(clusters)) MiB of clusters (\(reason))"
    }

    static func mebibytes(_ bytes: Int) -> Int { (bytes + (1 << 19)) >> 20 }
}
