import CZim

/// An open ZIM archive (libzim's `zim::Archive`).
///
/// `@unchecked Sendable`: libzim documents `zim::Archive` as thread-safe (archive.h: "Archive,
/// Entry, Item and Blob are thread-safe"; internal caches are protected), and everything this class
/// stores besides the handle is immutable.
public final class Archive: @unchecked Sendable {
    /// The `czim_archive` handle, freed in `deinit`.
    let handle: OpaquePointer
    /// Facts read once at open.
    private let info: czim_archive_info

    /// The path the archive was opened from.
    public let path: String
    /// The archive's UUID: 32 lowercase hex digits, no dashes (read at open).
    public let uuid: String
    /// Entries recently found by `entry(path:)`.
    let entriesByPath = RecentLookups<String, Entry>(capacity: 4096)
    /// Items recently made by `item(for:followRedirects:)`.
    let itemsByEntry = RecentLookups<ItemLookup, Item>(capacity: 4096)

    /// Opens a ZIM file.
    ///
    /// `path` may also name a split archive (`foo.zim` for `foo.zimaa`, `foo.zimab`...).
    /// Throws `.io` when the file cannot be read (missing, permissions, a directory) and
    /// `.invalidArchive` when libzim rejects it. libzim's exceptions never escape. libzim 8.1's
    /// internal "Assertion failed" checks throw too (they print a backtrace on stderr first), so
    /// none of the corrupt test files aborts; see `validate(path:thorough:)` for the remaining risk.
    public init(path: String) throws(ZimError) {
        var opened: OpaquePointer? = nil
        try czimCall { czim_archive_open(path, &opened, $0) }
        guard let opened else { throw ZimError(code: .unknown, message: "czim_archive_open returned no archive") }
        var info = czim_archive_info()
        czim_archive_get_info(opened, &info)
        self.handle = opened
        self.info = info
        self.path = path
        self.uuid = withUnsafeBytes(of: info.uuid) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    deinit { czim_archive_free(handle) }

    /// Every directory entry, metadata and indexes included (`getAllEntryCount`).
    public var allEntryCount: UInt32 { info.all_entry_count }
    /// The user entries (`getEntryCount`): the range of `entry(atPathIndex:)`.
    public var entryCount: UInt32 { info.entry_count }
    /// The articles (front articles in recent archives; `getArticleCount`).
    public var articleCount: UInt32 { info.article_count }
    /// The media entries (images, videos...; `getMediaCount`).
    public var mediaCount: UInt32 { info.media_count }
    /// The size of the file (all parts of a split archive) in bytes.
    public var fileSize: UInt64 { info.file_size }
    /// Whether the archive declares a main page.
    public var hasMainEntry: Bool { info.has_main_entry }
    /// Whether the archive has a (usable, uncompressed) Xapian full-text index.
    public var hasFulltextIndex: Bool { info.has_fulltext_index }
    /// Whether the archive has a title index (used for suggestions).
    public var hasTitleIndex: Bool { info.has_title_index }
    /// Whether the archive uses the "no namespace" layout (libzim ≥ 7 writers) rather than `A/`, `I/`...
    public var hasNewNamespaceScheme: Bool { info.has_new_namespace_scheme }
    /// Whether the archive stores an MD5 checksum of itself.
    public var hasChecksum: Bool { info.has_checksum }
    /// Whether the archive is split in several files (`.zimaa`, `.zimab`...).
    public var isMultiPart: Bool { info.is_multi_part }

    /// Sets how many clusters each archive opened *afterwards* keeps in its cache.
    ///
    /// libzim 8.1 has no per-archive knob: it reads the `ZIM_CLUSTERCACHE` environment variable
    /// when an archive is opened (default 16). Call it once, at startup, before opening archives
    /// (it calls `setenv`, which must not race with other threads reading the environment).
    public static func setClusterCacheSize(_ n: Int) {
        czim_set_cluster_cache_size(UInt32(clamping: n))
    }

    /// Sets the memory for decoded clusters shared by every archive, in bytes (default 8 MiB).
    ///
    /// Items in zstd clusters of single-file ZIMs are read by CZim itself (one `pread` per cluster,
    /// decoded only as far as the item asked for) rather than by libzim, whose reader maps the
    /// compressed bytes one kilobyte at a time; those decoded clusters live in this one cache,
    /// bounded in bytes whatever the number of books. Takes effect at once.
    public static func setDecodedClusterCacheBytes(_ bytes: Int) {
        czim_set_decoded_cluster_cache_bytes(UInt64(max(0, bytes)))
    }

    /// Hits, misses and contents of the decoded-cluster cache.
    public static var decodedClusterCacheStats: DecodedClusterCacheStats {
        var stats = czim_cluster_cache_stats()
        czim_get_cluster_cache_stats(&stats)
        return DecodedClusterCacheStats(hits: Int(stats.hits), misses: Int(stats.misses), bytes: Int(stats.bytes),
                                        clusters: Int(stats.clusters), budget: Int(stats.budget),
                                        keptMappingBytes: Int(stats.kept_mapping_bytes),
                                        reusedMappings: Int(stats.reused_mappings))
    }

    /// zstd clusters this archive read from its file into the decoded-cluster cache since it was
    /// opened (an item's size comes from its cluster's offset table alone and isn't counted).
    public var clustersLoaded: Int { Int(czim_archive_clusters_loaded(handle)) }

    /// Turns CZim's own cluster reading on or off (off: every item goes through libzim). For tests.
    public static func setDirectClusterReading(_ enabled: Bool) {
        czim_set_direct_cluster_reading(enabled)
    }

    /// The version of the libzim library in use, e.g. `"8.1.1"`.
    public static var libzimVersion: String { String(cString: czim_libzim_version()) }
}
