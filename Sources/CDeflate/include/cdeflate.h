#ifndef CDEFLATE_H
#define CDEFLATE_H
// CDeflate: gzip response bodies with libdeflate.
//
// Why a C shim and not a system module: a libdeflate compressor holds its match finder (tens
// to hundreds of KB) and may be used by one thread at a time, so each thread keeps one per
// level it uses, freed when the thread ends (a pthread key's destructor) — state Swift cannot
// keep per thread without this. libdeflate over zlib: it compresses a whole buffer in one call,
// about 3x faster at level 1 and 2.3x at level 6 on benchmark pages (76 vs 229 µs, 177 vs
// 411 µs a 12.9 KB page, with zlib's per-call setup), with output as small or smaller.
#include <stddef.h>

/// The most a gzip member of `size` input bytes can take.
size_t cdeflate_gzip_bound(size_t size);

/// Compresses `size` bytes at `input` into one gzip member at `output` (room for `capacity`
/// bytes) at `level` (clamped to 1…12) with this thread's compressor. Returns the bytes
/// written; 0 when they did not fit or no compressor could be allocated.
size_t cdeflate_gzip(int level, const void *input, size_t size, void *output, size_t capacity);

#endif
