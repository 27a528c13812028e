// One zstd-compressed ZIM cluster, decoded on demand (internal to CZim; see czim_clusters.hpp).
#pragma once

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_d_stableOutBuffer (a parameter value; the call is stable API)
#include <zstd.h>

#include "czim_mapped_buffer.hpp"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace czim {

/// A cluster's decoded bytes, filled progressively: the offset table first, then as far as the
/// furthest blob asked for. The output buffer is allocated once at its final size, so pointers into
/// it stay valid while later parts are decoded (zstd decodes straight into it: ZSTD_d_stableOutBuffer,
/// no window buffer of its own).
class ZstdCluster {
public:
    /// Decodes the offset table of the compressed cluster `input` (zstd frame, info byte removed),
    /// unless `knownOffsets` (read from the same bytes for an item's size) gives it already.
    /// Throws std::runtime_error when the table is impossible.
    /// `input` was filled completely (by pread).
    ZstdCluster(MappedBuffer input, bool extended, const std::vector<uint32_t> *knownOffsets = nullptr)
        : input_(std::move(input)), inputSize_(input_.size()),
          inputResident_(std::max(input_.size(), input_.residentAtStart())) {
        input_.noteWritten(inputSize_);
        offsets_ = knownOffsets != nullptr ? std::vector<uint64_t>(knownOffsets->begin(), knownOffsets->end())
                                           : offsetTable(input_.data(), input_.size(), extended);
        total_ = offsets_.back();
        if (total_ > kMaxTotal) throw std::runtime_error("cluster too large for direct reading");
        data_ = MappedBuffer(total_);
        dataResidentAtStart_ = data_.residentAtStart();
        dctx_ = takeDecoder();
    }

    ~ZstdCluster() {
        if (dctx_ != nullptr) giveDecoder(dctx_);
        data_.noteWritten(decoded_.load(std::memory_order_relaxed));
    }

    ZstdCluster(const ZstdCluster &) = delete;
    ZstdCluster &operator=(const ZstdCluster &) = delete;

    size_t blobCount() const { return offsets_.size() - 1; }
    uint64_t blobSize(size_t blob) const { return offsets_[blob + 1] - offsets_[blob]; }

    /// Memory this cluster holds now: the decoded part (the rest of its buffer is mapped but not
    /// touched, unless the mapping was reused and is resident from its earlier use), the table, and
    /// while decoding goes on the compressed bytes and the decoder.
    size_t resident() const {
        const size_t table = offsets_.size() * sizeof(uint64_t);
        if (finished_.load(std::memory_order_acquire)) return std::max<size_t>(total_, dataResidentAtStart_) + table;
        const size_t decoded = std::max<size_t>(decoded_.load(std::memory_order_acquire), dataResidentAtStart_);
        return decoded + table + inputResident_ + kDecoderBytes;
    }

    /// A pointer to blob `blob`'s bytes, decoding as far as needed. Throws on corrupt data.
    const char *blob(size_t blob) {
        decodeUpTo(offsets_[blob + 1]);
        return data_.data() + offsets_[blob];
    }

private:
    static constexpr size_t kInputStep = 64 * 1024;   // compressed bytes fed per call (≈ 256 KB out)
    static constexpr size_t kDecoderBytes = 256 * 1024;  // a DCtx once decoding: context + input block
    static constexpr uint64_t kMaxTotal = 512ull << 20;

    static size_t check(size_t result) {
        if (ZSTD_isError(result)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(result));
        return result;
    }

    /// A decoder for a cluster's whole output: one kept from a finished cluster when there is one
    /// (creating one allocates its context each time), set to decode straight into our buffer.
    static ZSTD_DCtx *takeDecoder() {
        {
            std::lock_guard<std::mutex> hold(decodersLock());
            auto &kept = keptDecoders();
            if (!kept.empty()) {
                ZSTD_DCtx *dctx = kept.back();
                kept.pop_back();
                return dctx;
            }
        }
        ZSTD_DCtx *dctx = ZSTD_createDCtx();
        if (dctx == nullptr) throw std::bad_alloc();
        const size_t set = ZSTD_DCtx_setParameter(dctx, ZSTD_d_stableOutBuffer, 1);
        if (ZSTD_isError(set)) {
            ZSTD_freeDCtx(dctx);
            throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(set));
        }
        return dctx;
    }

    /// Keeps `dctx` (reset, parameters kept) for the next cluster, up to four; frees the rest.
    static void giveDecoder(ZSTD_DCtx *dctx) {
        if (!ZSTD_isError(ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only))) {
            std::lock_guard<std::mutex> hold(decodersLock());
            auto &kept = keptDecoders();
            if (kept.size() < 4) {
                kept.push_back(dctx);
                return;
            }
        }
        ZSTD_freeDCtx(dctx);
    }

    static std::mutex &decodersLock() {
        static std::mutex *lock = new std::mutex();
        return *lock;
    }
    static std::vector<ZSTD_DCtx *> &keptDecoders() {
        static auto *kept = new std::vector<ZSTD_DCtx *>();
        return *kept;
    }

    /// A decoder for reading offset tables, one per thread, reset before each use.
    static ZSTD_DCtx *tableDecoder() {
        thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx *)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
        if (!dctx) throw std::bad_alloc();
        return dctx.get();
    }

    /// Decodes `input` (`inputSize` bytes) into `out` until it holds `size` bytes (the offset table
    /// comes before we know how big the output buffer must be, so it is read with its own decoder).
    static void decodePrefix(ZSTD_DCtx *dctx, ZSTD_inBuffer &in, size_t inputSize, std::string &out, size_t size) {
        const size_t start = out.size();
        out.resize(size);
        ZSTD_outBuffer o{out.data(), size, start};
        while (o.pos < size) {
            const size_t before = in.pos + o.pos;
            in.size = std::min(inputSize, in.pos + 4096);
            if (check(ZSTD_decompressStream(dctx, &o, &in)) == 0 && o.pos < size) break;
            if (in.pos + o.pos == before && in.size == inputSize) break;
        }
        if (o.pos < size) throw std::runtime_error("cluster shorter than its offset table");
    }

public:
    /// The blob offsets at the start of a zstd cluster: `input` holds its compressed bytes (info byte
    /// removed), or enough of their beginning. Throws std::runtime_error when the table is impossible
    /// or `input` ends before it.
    static std::vector<uint64_t> offsetTable(const char *input, size_t inputSize, bool extended) {
        const size_t width = extended ? 8 : 4;
        auto read = [&](const std::string &bytes, size_t index) {
            uint64_t value = 0;
            for (size_t b = 0; b < width; ++b) {
                value |= uint64_t(static_cast<unsigned char>(bytes[index * width + b])) << (8 * b);
            }
            return value;
        };
        ZSTD_DCtx *dctx = tableDecoder();
        check(ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only));
        ZSTD_inBuffer in{input, 0, 0};
        std::string table;
        decodePrefix(dctx, in, inputSize, table, width);
        const uint64_t first = read(table, 0);
        if (first < width || first % width != 0 || first > (8u << 20)) {
            throw std::runtime_error("impossible cluster offset table");
        }
        decodePrefix(dctx, in, inputSize, table, first);
        const size_t count = first / width;
        std::vector<uint64_t> offsets(count);
        for (size_t k = 0; k < count; ++k) {
            offsets[k] = read(table, k);
            if (offsets[k] < first || (k > 0 && offsets[k] < offsets[k - 1])) {
                throw std::runtime_error("cluster offsets out of order");
            }
        }
        return offsets;
    }

private:
    void decodeUpTo(uint64_t end) {
        if (decoded_.load(std::memory_order_acquire) >= end) return;
        std::lock_guard<std::mutex> hold(lock_);
        if (!failure_.empty()) throw std::runtime_error(failure_);
        if (decoded_.load(std::memory_order_relaxed) >= end) return;  // another reader got there first
        try {
            ZSTD_outBuffer o{data_.data(), total_, decoded_.load(std::memory_order_relaxed)};
            ZSTD_inBuffer i{input_.data(), inputPos_, inputPos_};
            while (o.pos < end) {
                const size_t before = i.pos + o.pos;
                i.size = std::min(input_.size(), i.pos + kInputStep);
                const size_t hint = check(ZSTD_decompressStream(dctx_, &o, &i));
                decoded_.store(o.pos, std::memory_order_release);
                inputPos_ = i.pos;
                if (hint == 0 && o.pos < total_) throw std::runtime_error("cluster shorter than its offsets");
                if (i.pos + o.pos == before && i.size == input_.size()) {
                    throw std::runtime_error("truncated cluster");
                }
            }
            if (o.pos == total_) finish();
        } catch (const std::exception &e) {
            failure_ = e.what();
            throw;
        }
    }

    /// Fully decoded: the decoder and the compressed bytes are no longer needed.
    void finish() {
        if (dctx_ == nullptr) return;
        giveDecoder(dctx_);
        dctx_ = nullptr;
        input_.release();
        finished_.store(true, std::memory_order_release);
    }

    MappedBuffer input_;
    std::vector<uint64_t> offsets_;
    uint64_t total_ = 0;
    size_t inputSize_ = 0;
    size_t inputResident_ = 0;
    size_t dataResidentAtStart_ = 0;
    std::atomic<bool> finished_{false};
    MappedBuffer data_;
    ZSTD_DCtx *dctx_ = nullptr;
    std::mutex lock_;
    size_t inputPos_ = 0;
    std::atomic<uint64_t> decoded_{0};
    std::string failure_;
};

}  // namespace czim
