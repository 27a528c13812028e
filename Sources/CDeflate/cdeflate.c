#include "cdeflate.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>

enum { cdeflate_levels = 13 };

/// This thread's compressors, by level.
struct cdeflate_compressors {
    struct libdeflate_compressor *by_level[cdeflate_levels];
};

static pthread_key_t cdeflate_key;
static pthread_once_t cdeflate_once = PTHREAD_ONCE_INIT;

static void cdeflate_free(void *pointer) {
    struct cdeflate_compressors *compressors = pointer;
    for (int level = 0; level < cdeflate_levels; level++) {
        if (compressors->by_level[level] != NULL) libdeflate_free_compressor(compressors->by_level[level]);
    }
    free(compressors);
}

static void cdeflate_make_key(void) { (void)pthread_key_create(&cdeflate_key, cdeflate_free); }

static struct libdeflate_compressor *cdeflate_compressor(int level) {
    pthread_once(&cdeflate_once, cdeflate_make_key);
    struct cdeflate_compressors *compressors = pthread_getspecific(cdeflate_key);
    if (compressors == NULL) {
        compressors = calloc(1, sizeof *compressors);
        if (compressors == NULL || pthread_setspecific(cdeflate_key, compressors) != 0) {
            free(compressors);
            return NULL;
        }
    }
    if (compressors->by_level[level] == NULL) compressors->by_level[level] = libdeflate_alloc_compressor(level);
    return compressors->by_level[level];
}

size_t cdeflate_gzip_bound(size_t size) {
    // NULL: the bound for any compressor (libdeflate's documented use).
    return libdeflate_gzip_compress_bound(NULL, size);
}

size_t cdeflate_gzip(int level, const void *input, size_t size, void *output, size_t capacity) {
    if (level < 1) level = 1;
    if (level > 12) level = 12;
    struct libdeflate_compressor *compressor = cdeflate_compressor(level);
    if (compressor == NULL) return 0;
    return libdeflate_gzip_compress(compressor, input, size, output, capacity);
}
