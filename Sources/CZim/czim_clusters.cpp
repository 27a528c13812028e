// DirectClusterReader and the shared decoded-cluster cache (see czim_clusters.hpp for why).
#include "czim_clusters.hpp"
#include "czim_header.hpp"
#include "czim_zstd_cluster.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <list>
#include <unordered_map>

namespace czim {
namespace {

std::atomic<bool> directReadingEnabled{true};
std::atomic<uint64_t> nextReaderId{1};

/// Little-endian unsigned integer of `width` bytes at `bytes`.
uint64_t littleEndian(const unsigned char *bytes, size_t width) {
    uint64_t value = 0;
    for (size_t b = 0; b < width; ++b) value |= uint64_t(bytes[b]) << (8 * b);
    return value;
}

/// pread() of exactly `size` bytes (EINTR and short reads retried); false on error or end of file.
bool readFully(int fd, void *buffer, size_t size, uint64_t offset) {
    auto *out = static_cast<char *>(buffer);
    while (size > 0) {
        const ssize_t n = ::pread(fd, out, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        out += n;
        size -= static_cast<size_t>(n);
        offset += static_cast<uint64_t>(n);
    }
    return true;
}

/// Decoded clusters of every archive, least recently used first out, bounded in bytes.
class ClusterCache {
public:
    static ClusterCache &shared() {
        static ClusterCache *cache = new ClusterCache();  // never destroyed: used until exit
        return *cache;
    }

    std::shared_ptr<ZstdCluster> find(uint64_t key) {
        std::lock_guard<std::mutex> hold(lock_);
        auto found = index_.find(key);
        if (found == index_.end()) {
            ++misses_;
            return nullptr;
        }
        ++hits_;
        order_.splice(order_.begin(), order_, found->second);
        return found->second->cluster;
    }

    /// The cluster if held, without counting a lookup or moving it up (an item's size only).
    std::shared_ptr<ZstdCluster> peek(uint64_t key) {
        std::lock_guard<std::mutex> hold(lock_);
        auto found = index_.find(key);
        return found == index_.end() ? nullptr : found->second->cluster;
    }

    /// Keeps `cluster` (or the copy another thread inserted first, which is returned instead).
    std::shared_ptr<ZstdCluster> insert(uint64_t key, std::shared_ptr<ZstdCluster> cluster) {
        std::lock_guard<std::mutex> hold(lock_);
        auto found = index_.find(key);
        if (found != index_.end()) return found->second->cluster;
        const size_t charge = cluster->resident();
        order_.push_front(Held{key, cluster, charge});
        index_[key] = order_.begin();
        bytes_ += charge;
        trim();
        return cluster;
    }

    /// Counts what cluster `key` holds now (it grows as it is decoded) and trims to the budget.
    void recharge(uint64_t key) {
        std::lock_guard<std::mutex> hold(lock_);
        auto found = index_.find(key);
        if (found == index_.end()) return;
        const size_t charge = found->second->cluster->resident();
        bytes_ = bytes_ - found->second->charge + charge;
        found->second->charge = charge;
        trim();
    }

    void removeReader(uint64_t readerId) {
        std::lock_guard<std::mutex> hold(lock_);
        for (auto it = order_.begin(); it != order_.end();) {
            if ((it->key >> 32) == readerId) {
                bytes_ -= it->charge;
                index_.erase(it->key);
                it = order_.erase(it);
            } else {
                ++it;
            }
        }
    }

    void setBudget(uint64_t bytes) {
        std::lock_guard<std::mutex> hold(lock_);
        budget_ = bytes;
        trim();
    }

    ClusterCacheStats stats() {
        std::lock_guard<std::mutex> hold(lock_);
        return ClusterCacheStats{hits_, misses_, bytes_, index_.size(), budget_, MappingPool::shared().keptBytes(),
                                 MappingPool::shared().reused()};
    }

private:
    /// Drops least recently used clusters until the budget holds (the newest always stays: a cluster
    /// bigger than the budget is still decoded once for the request that needs it).
    void trim() {
        while (bytes_ > budget_ && order_.size() > 1) {
            bytes_ -= order_.back().charge;
            index_.erase(order_.back().key);
            order_.pop_back();
        }
    }

    struct Held {
        uint64_t key;
        std::shared_ptr<ZstdCluster> cluster;
        size_t charge;  ///< resident() when last counted
    };
    using Order = std::list<Held>;
    std::mutex lock_;
    Order order_;
    std::unordered_map<uint64_t, Order::iterator> index_;
    uint64_t bytes_ = 0;
    uint64_t budget_ = 8ull << 20;
    uint64_t hits_ = 0;
    uint64_t misses_ = 0;
};

}  // namespace

struct DirectClusterReader::Location {
    uint32_t cluster;
    uint32_t blob;
};

DirectClusterReader::DirectClusterReader(int fd, uint64_t fileSize)
    : fd_(fd), fileSize_(fileSize), id_(nextReaderId.fetch_add(1)) {}

DirectClusterReader::~DirectClusterReader() {
    try {
        ClusterCache::shared().removeReader(id_);
    } catch (...) {
    }
    ::close(fd_);
}

std::unique_ptr<DirectClusterReader> DirectClusterReader::open(const std::string &path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st;
    unsigned char bytes[80];
    czim_header header;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !readFully(fd, bytes, sizeof bytes, 0) ||
        !parseHeader(bytes, sizeof bytes, header)) {
        ::close(fd);
        return nullptr;
    }
    std::unique_ptr<DirectClusterReader> reader(new DirectClusterReader(fd, static_cast<uint64_t>(st.st_size)));
    reader->entryCount_ = header.entry_count;
    reader->clusterCount_ = header.cluster_count;
    reader->urlPtrPos_ = header.path_pointer_position;
    reader->clusterPtrPos_ = header.cluster_pointer_position;
    reader->checksumPos_ = header.checksum_position;
    const uint64_t size = reader->fileSize_;
    auto fits = [size](uint64_t position, uint64_t count) {
        return position <= size && count <= (size - position) / 8;
    };
    if (!fits(reader->urlPtrPos_, reader->entryCount_) || !fits(reader->clusterPtrPos_, reader->clusterCount_)) {
        return nullptr;
    }
    return reader;
}

bool DirectClusterReader::locate(uint32_t entryIndex, Location &where) const {
    if (entryIndex >= entryCount_) return false;
    RecentLocation &slot = recent_[entryIndex % recent_.size()];
    {
        std::lock_guard<std::mutex> hold(recentLock_);
        if (slot.entry == entryIndex) {
            where = Location{slot.cluster, slot.blob};
            return true;
        }
    }
    unsigned char pointer[8];
    if (!readFully(fd_, pointer, 8, urlPtrPos_ + 8ull * entryIndex)) return false;
    const uint64_t direntPos = littleEndian(pointer, 8);
    unsigned char dirent[16];
    if (direntPos > fileSize_ - 16 || !readFully(fd_, dirent, 16, direntPos)) return false;
    // mimetype 0xffff = redirect, 0xfffe = link target, 0xfffd = deleted: no content.
    if (littleEndian(dirent, 2) >= 0xfffd) return false;
    where.cluster = static_cast<uint32_t>(littleEndian(dirent + 8, 4));
    where.blob = static_cast<uint32_t>(littleEndian(dirent + 12, 4));
    if (where.cluster >= clusterCount_) return false;
    std::lock_guard<std::mutex> hold(recentLock_);
    slot = RecentLocation{entryIndex, where.cluster, where.blob};
    return true;
}

namespace {

/// Where cluster `number`'s compressed bytes lie (`offset`: its info byte; `end`: at or after its
/// last byte) and its info byte; false when the pointers are out of bounds or it is not zstd.
bool zstdClusterExtent(int fd, uint64_t fileSize, uint64_t clusterPtrPos, uint32_t clusterCount, uint64_t checksumPos,
                       uint32_t number, uint64_t &offset, uint64_t &end, unsigned char &info) {
    unsigned char pointers[16];
    const bool hasNext = number + 1 < clusterCount;
    if (!readFully(fd, pointers, hasNext ? 16 : 8, clusterPtrPos + 8ull * number)) return false;
    offset = littleEndian(pointers, 8);
    // A zstd frame ends by itself: `end` only has to be at or after the cluster's last byte.
    const uint64_t limit = checksumPos > offset && checksumPos <= fileSize ? checksumPos : fileSize;
    end = limit;
    if (hasNext) {
        const uint64_t next = littleEndian(pointers + 8, 8);
        if (next > offset && next < limit) end = next;
    }
    if (offset >= end || end - offset < 2 || end - offset > (128ull << 20)) return false;
    return readFully(fd, &info, 1, offset) && (info & 0x0f) == 5;
}

/// Reads and starts decoding cluster `number`, or nullptr when it is not a zstd cluster. `known`:
/// its offset table when an item's size read it already (its first block is then decoded once).
std::shared_ptr<ZstdCluster> loadCluster(int fd, uint64_t fileSize, uint64_t clusterPtrPos, uint32_t clusterCount,
                                         uint64_t checksumPos, uint32_t number, const OffsetTables::Table &known) {
    uint64_t offset, end;
    unsigned char info;
    if (!zstdClusterExtent(fd, fileSize, clusterPtrPos, clusterCount, checksumPos, number, offset, end, info)) {
        return nullptr;
    }
    MappedBuffer input(end - offset - 1);
    if (!readFully(fd, input.data(), input.size(), offset + 1)) return nullptr;
    return std::make_shared<ZstdCluster>(std::move(input), (info & 0x10) != 0, known.get());
}

}  // namespace

std::shared_ptr<ZstdCluster> DirectClusterReader::cluster(uint32_t number) const {
    const uint64_t key = (id_ << 32) | number;
    ClusterCache &cache = ClusterCache::shared();
    std::shared_ptr<ZstdCluster> found = cache.find(key);
    if (found) return found;
    found = loadCluster(fd_, fileSize_, clusterPtrPos_, clusterCount_, checksumPos_, number, tables_.find(number));
    if (!found) return nullptr;
    loads_.fetch_add(1, std::memory_order_relaxed);
    return cache.insert(key, std::move(found));
}

OffsetTables::Table DirectClusterReader::offsetTable(uint32_t number) const {
    uint64_t offset, end;
    unsigned char info;
    if (!zstdClusterExtent(fd_, fileSize_, clusterPtrPos_, clusterCount_, checksumPos_, number, offset, end, info)) {
        return nullptr;
    }
    // The table is in the first zstd block (at most 128 KB decoded) unless the cluster has tens of
    // thousands of blobs: 64 KB of compressed bytes first, the whole cluster when that is not enough.
    const uint64_t whole = end - offset - 1;
    std::string input(static_cast<size_t>(std::min<uint64_t>(whole, 64 * 1024)), '\0');
    std::vector<uint64_t> offsets;
    for (;;) {
        if (!readFully(fd_, input.data(), input.size(), offset + 1)) return nullptr;
        try {
            offsets = ZstdCluster::offsetTable(input.data(), input.size(), (info & 0x10) != 0);
            break;
        } catch (const std::runtime_error &) {
            if (input.size() == whole) throw;
            input.resize(static_cast<size_t>(whole));
        }
    }
    if (offsets.back() > UINT32_MAX) return nullptr;
    return std::make_shared<const std::vector<uint32_t>>(offsets.begin(), offsets.end());
}

bool DirectClusterReader::blobOf(uint32_t entryIndex, std::shared_ptr<ZstdCluster> &found, uint32_t &blob,
                                 uint32_t &number) const {
    if (!directReadingEnabled.load(std::memory_order_relaxed)) return false;
    Location where;
    if (!locate(entryIndex, where)) return false;
    found = cluster(where.cluster);
    blob = where.blob;
    number = where.cluster;
    return found && blob < found->blobCount();
}

bool DirectClusterReader::item(uint32_t entryIndex, DirectItem &out) const noexcept {
    try {
        std::shared_ptr<ZstdCluster> found;
        uint32_t blob;
        uint32_t number;
        if (!blobOf(entryIndex, found, blob, number)) return false;
        out.bytes = std::shared_ptr<const char>(found, found->blob(blob));
        out.size = found->blobSize(blob);
        ClusterCache::shared().recharge((id_ << 32) | number);
        return true;
    } catch (...) {
        return false;  // libzim reads it again and reports the problem its own way
    }
}

bool DirectClusterReader::itemSize(uint32_t entryIndex, uint64_t &size) const noexcept {
    try {
        Location where;
        if (!directReadingEnabled.load(std::memory_order_relaxed) || !locate(entryIndex, where)) return false;
        if (std::shared_ptr<ZstdCluster> held = ClusterCache::shared().peek((id_ << 32) | where.cluster)) {
            if (where.blob >= held->blobCount()) return false;
            size = held->blobSize(where.blob);
            return true;
        }
        OffsetTables::Table table = tables_.find(where.cluster);
        if (!table) {
            table = offsetTable(where.cluster);
            if (!table) return false;
            tables_.store(where.cluster, table);
        }
        if (where.blob + 1 >= table->size()) return false;
        size = (*table)[where.blob + 1] - (*table)[where.blob];
        return true;
    } catch (...) {
        return false;
    }
}

void setClusterCacheBudget(uint64_t bytes) {
    ClusterCache::shared().setBudget(bytes);
    // Mappings kept for reuse hold memory beside the cache: an eighth of its budget, at least
    // 3 MiB (one 2 MB cluster's output buffer, rounded up, and its compressed input), none when
    // the cache is off.
    MappingPool::shared().setLimit(bytes == 0 ? 0 : std::max<size_t>(static_cast<size_t>(bytes / 8), 3u << 20));
}

ClusterCacheStats clusterCacheStats() { return ClusterCache::shared().stats(); }

void setDirectReadingEnabled(bool enabled) { directReadingEnabled.store(enabled); }

}  // namespace czim
