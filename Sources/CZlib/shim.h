#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
// zlib for gzip response bodies. deflateInit2 is a macro, which Swift cannot call:
// this wrapper exposes it as a function.
#include <zlib.h>

static inline int czlib_deflate_init_gzip(z_stream *stream, int level) {
    // windowBits 15 + 16 selects the gzip wrapper; memLevel 8 is zlib's default.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
