// Direct reading of zstd-compressed clusters, beside libzim (internal to CZim).
//
// Why: libzim 8.1 decompresses a cluster through DecoderStreamReader, which asks its FileReader for
// the compressed bytes 1 KB at a time, and FileReader::get_buffer() maps each kilobyte with
// mmap(MAP_POPULATE) and unmaps it afterwards. A profile of a cold pass (every article once) spent
// 44 % of the server's time in those mmap/munmap calls and their TLB shootdowns. libzim's cluster
// cache is also counted in clusters per archive (16 × every open book), not in bytes.
//
// This reader reads a cluster's compressed bytes with one pread(), decompresses them with libzstd
// only as far as the requested blob (keeping the decoder, so later blobs of the same cluster continue
// where it stopped), and keeps clusters in ONE byte-bounded LRU shared by all archives.
//
// It only ever serves what it is sure of: zstd clusters of a single-file ZIM whose header, pointers
// and offsets pass bounds checks. Everything else (uncompressed or xz clusters, split archives,
// redirects, any inconsistency or decoding error) returns false and the caller uses libzim, whose
// answer (bytes or error) is authoritative.
#pragma once

#include "czim_offset_tables.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace czim {

class ZstdCluster;

/// What a zstd cluster item is: its bytes live in a cluster this reader decoded.
struct DirectItem {
    std::shared_ptr<const char> bytes;  ///< points into the decoded cluster and keeps it alive
    uint64_t size = 0;
};

/// Reads items of one ZIM file straight from its zstd clusters (see the file comment).
class DirectClusterReader {
public:
    /// A reader for the single-file ZIM at `path`, or nullptr when the file is not one this reader
    /// handles (cannot be opened, not a regular file, header out of bounds).
    static std::unique_ptr<DirectClusterReader> open(const std::string &path);
    ~DirectClusterReader();
    DirectClusterReader(const DirectClusterReader &) = delete;
    DirectClusterReader &operator=(const DirectClusterReader &) = delete;

    /// The bytes of the entry with libzim index `entryIndex` (zim::Entry::getIndex()), or false when
    /// libzim must answer instead. Never throws.
    bool item(uint32_t entryIndex, DirectItem &out) const noexcept;

    /// The size of that item without decoding it (only the cluster's offset table), or false.
    bool itemSize(uint32_t entryIndex, uint64_t &size) const noexcept;

    /// Clusters read from the file into the decoded-cluster cache since this reader was opened.
    uint64_t clustersLoaded() const { return loads_.load(std::memory_order_relaxed); }

private:
    DirectClusterReader(int fd, uint64_t fileSize);
    struct Location;
    bool locate(uint32_t entryIndex, Location &where) const;
    /// Cluster `number` from the shared cache, read and inserted on a miss; nullptr if not zstd.
    std::shared_ptr<ZstdCluster> cluster(uint32_t number) const;
    /// The offset table of cluster `number`, read from the start of its compressed bytes without
    /// loading the cluster; nullptr if not zstd. Throws on corrupt data.
    OffsetTables::Table offsetTable(uint32_t number) const;
    /// The decoded-cluster and blob number of an entry this reader serves (false otherwise).
    bool blobOf(uint32_t entryIndex, std::shared_ptr<ZstdCluster> &found, uint32_t &blob, uint32_t &number) const;

    /// Where recently asked entries live (entry index → cluster, blob): the two preads of
    /// `locate` were ~8 % of the server's CPU when serving popular pages from the gzip cache.
    struct RecentLocation {
        uint32_t entry = UINT32_MAX;
        uint32_t cluster = 0;
        uint32_t blob = 0;
    };
    mutable std::mutex recentLock_;
    mutable std::array<RecentLocation, 4096> recent_{};
    /// Offset tables read for item sizes (see czim_offset_tables.hpp).
    mutable OffsetTables tables_;
    mutable std::atomic<uint64_t> loads_{0};

    int fd_;
    uint64_t fileSize_;
    uint64_t id_;
    uint32_t entryCount_ = 0;
    uint32_t clusterCount_ = 0;
    uint64_t urlPtrPos_ = 0;
    uint64_t clusterPtrPos_ = 0;
    uint64_t checksumPos_ = 0;
};

/// The shared decoded-cluster cache: its byte budget and counters.
struct ClusterCacheStats {
    uint64_t hits;
    uint64_t misses;
    uint64_t bytes;     ///< charged bytes held now
    uint64_t clusters;  ///< clusters held now
    uint64_t budget;
    uint64_t keptMappingBytes;
    uint64_t reusedMappings;
};

void setClusterCacheBudget(uint64_t bytes);
ClusterCacheStats clusterCacheStats();
/// When false, DirectClusterReader::item answers false for everything (tests compare with libzim).
void setDirectReadingEnabled(bool enabled);

}  // namespace czim
