// Anonymous mappings for cluster buffers, and the small pool that reuses them (internal to CZim).
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

namespace czim {

/// Mappings given back by cluster buffers, kept (up to a few MiB) for the next buffer of a similar
/// size. A fresh mapping costs a page fault, a zeroed page and a memory-cgroup charge for every 4 KB
/// written into it, and munmap() then a TLB flush: measured during searches (10 snippets, each
/// decoding part of a 2 MB cluster), faults and unmapping were ~29 % of the server's CPU. A kept
/// mapping is already faulted in, so decoding into it again costs nothing in the kernel.
class MappingPool {
public:
    /// One mapping: `capacity` bytes mapped, the first `written` of them touched (resident).
    struct Mapping {
        char *data = nullptr;
        size_t capacity = 0;
        size_t written = 0;
    };

    static MappingPool &shared() {
        static MappingPool *pool = new MappingPool();  // never destroyed: used until exit
        return *pool;
    }

    /// The capacity a request of `size` bytes is mapped with: rounded up by an eighth of its power of
    /// two (at least 64 KiB), so the sizes of clusters of one archive fall on a few capacities.
    static size_t capacityFor(size_t size) {
        size_t power = 64 * 1024;
        while (power < size) power <<= 1;
        const size_t granule = std::max<size_t>(64 * 1024, power / 8);
        return (size + granule - 1) / granule * granule;
    }

    /// A mapping of at least `size` bytes: a kept one when one fits (capacity up to twice the need,
    /// smallest first), else a new one. Throws std::bad_alloc when mmap fails.
    Mapping take(size_t size) {
        const size_t capacity = capacityFor(size);
        {
            std::lock_guard<std::mutex> hold(lock_);
            auto best = kept_.end();
            for (auto it = kept_.begin(); it != kept_.end(); ++it) {
                if (it->capacity >= capacity && it->capacity <= 2 * capacity &&
                    (best == kept_.end() || it->capacity < best->capacity)) {
                    best = it;
                }
            }
            if (best != kept_.end()) {
                Mapping found = *best;
                keptBytes_ -= found.capacity;
                ++reused_;
                kept_.erase(best);
                return found;
            }
        }
        void *memory = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED) throw std::bad_alloc();
        return Mapping{static_cast<char *>(memory), capacity, 0};
    }

    /// Keeps `mapping` for reuse, dropping the oldest kept ones beyond the limit (unmapped outside
    /// the lock).
    void give(Mapping mapping) {
        std::vector<Mapping> dropped;
        {
            std::lock_guard<std::mutex> hold(lock_);
            kept_.push_back(mapping);
            keptBytes_ += mapping.capacity;
            dropped = takeExcess();
        }
        unmap(dropped);
    }

    /// How many bytes kept mappings may hold (0 unmaps every buffer as soon as it goes).
    void setLimit(size_t bytes) {
        std::vector<Mapping> dropped;
        {
            std::lock_guard<std::mutex> hold(lock_);
            limitBytes_ = bytes;
            dropped = takeExcess();
        }
        unmap(dropped);
    }

    /// Bytes mapped by kept mappings now.
    size_t keptBytes() {
        std::lock_guard<std::mutex> hold(lock_);
        return keptBytes_;
    }

    /// How many takes were answered with a kept mapping since start.
    uint64_t reused() {
        std::lock_guard<std::mutex> hold(lock_);
        return reused_;
    }

private:
    static constexpr size_t kMaxKept = 8;

    /// Removes the oldest kept mappings beyond the limits and returns them (called with `lock_` held;
    /// the caller unmaps them after releasing it).
    std::vector<Mapping> takeExcess() {
        std::vector<Mapping> excess;
        while (!kept_.empty() && (keptBytes_ > limitBytes_ || kept_.size() > kMaxKept)) {
            excess.push_back(kept_.front());
            keptBytes_ -= kept_.front().capacity;
            kept_.erase(kept_.begin());
        }
        return excess;
    }

    static void unmap(const std::vector<Mapping> &mappings) {
        for (const Mapping &gone : mappings) ::munmap(gone.data, gone.capacity);
    }

    std::mutex lock_;
    std::vector<Mapping> kept_;  ///< oldest first
    size_t keptBytes_ = 0;
    uint64_t reused_ = 0;
    size_t limitBytes_ = 3u << 20;  ///< setClusterCacheBudget sets it (see there)
};

/// A buffer in its own anonymous mapping, given back to the MappingPool when it goes: a cluster's
/// buffers are megabytes of varied sizes, which in malloc's arenas fragment and stay in the process
/// after they are freed (RSS kept growing); the pool is bounded and unmaps the rest at once.
class MappedBuffer {
public:
    MappedBuffer() = default;
    explicit MappedBuffer(size_t size) : size_(size) {
        if (size == 0) return;
        mapping_ = MappingPool::shared().take(size);
        residentAtStart_ = mapping_.written;
    }
    ~MappedBuffer() { release(); }
    MappedBuffer(const MappedBuffer &) = delete;
    MappedBuffer &operator=(const MappedBuffer &) = delete;
    MappedBuffer(MappedBuffer &&other) noexcept
        : mapping_(other.mapping_), size_(other.size_), residentAtStart_(other.residentAtStart_) {
        other.mapping_ = MappingPool::Mapping{};
        other.size_ = 0;
        other.residentAtStart_ = 0;
    }
    MappedBuffer &operator=(MappedBuffer &&other) noexcept {
        if (this != &other) {
            release();
            mapping_ = other.mapping_;
            size_ = other.size_;
            residentAtStart_ = other.residentAtStart_;
            other.mapping_ = MappingPool::Mapping{};
            other.size_ = 0;
            other.residentAtStart_ = 0;
        }
        return *this;
    }

    char *data() const { return mapping_.data; }
    size_t size() const { return size_; }
    /// Bytes of the mapping already resident when this buffer got it (a reused mapping's earlier use).
    size_t residentAtStart() const { return residentAtStart_; }

    /// Records that the first `bytes` were written (what the next user of the mapping finds resident).
    void noteWritten(size_t bytes) { mapping_.written = std::max(mapping_.written, std::min(bytes, mapping_.capacity)); }

    /// Gives the mapping back to the pool now (the buffer becomes empty).
    void release() {
        if (mapping_.data != nullptr) MappingPool::shared().give(mapping_);
        mapping_ = MappingPool::Mapping{};
        size_ = 0;
        residentAtStart_ = 0;
    }

private:
    MappingPool::Mapping mapping_;
    size_t size_ = 0;
    size_t residentAtStart_ = 0;
};

}  // namespace czim
