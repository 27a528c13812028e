// Blob offsets of zstd clusters whose item sizes were asked for lately (internal to CZim).
//
// Why: resolving a request needs the item's size before the gzip cache is asked, and the size lives
// in the cluster's offset table, inside the compressed stream. Reading it by loading the cluster
// (a pread of the whole ~600 KB compressed cluster, its first zstd block decoded) and inserting it in
// the decoded-cluster cache cost time on pages served from the gzip caches and pushed out clusters
// being decoded for other pages: on the Zipf benchmark, 6,000 of the 16,500 clusters loaded were
// loaded for a size only. A table is ~1 KB; the cluster it spares is 2 MB.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace czim {

/// Offset tables by cluster number, direct-mapped (a slot per `number % 256`; a newer table
/// replaces the one in its slot). Thread-safe.
class OffsetTables {
public:
    using Table = std::shared_ptr<const std::vector<uint32_t>>;

    Table find(uint32_t cluster) {
        std::lock_guard<std::mutex> hold(lock_);
        const Slot &slot = slots_[cluster % slots_.size()];
        return slot.cluster == cluster ? slot.offsets : nullptr;
    }

    void store(uint32_t cluster, Table offsets) {
        std::lock_guard<std::mutex> hold(lock_);
        slots_[cluster % slots_.size()] = Slot{cluster, std::move(offsets)};
    }

private:
    struct Slot {
        uint32_t cluster = UINT32_MAX;
        Table offsets;
    };
    std::mutex lock_;
    std::array<Slot, 256> slots_{};
};

}  // namespace czim
