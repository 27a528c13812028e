/*
 * CZim: a plain C API over libzim 8 (C++).
 *
 * Why this shim exists: libzim reports errors with C++ exceptions (zim::EntryNotFound,
 * zim::ZimFileFormatError, std::runtime_error on open, ...). An exception that reaches a Swift
 * frame aborts the process, so every function here catches everything on the C++ side and returns
 * a status code plus, optionally, a malloc'd message. It also keeps C++ interop mode from
 * spreading to every Swift module that imports ZimKit: this header is plain C.
 *
 * Conventions
 * - Fallible functions return a czim_code (CZIM_OK on success) and take a trailing
 *   `char **error_message`. When not NULL and the call fails, *error_message receives a malloc'd,
 *   NUL-terminated message that the caller frees with czim_free_string(). On success it is left
 *   untouched.
 * - Handles are opaque; each has one *_free function. Free functions accept NULL.
 * - Strings passed in are NUL-terminated UTF-8. Strings handed out are malloc'd and freed with
 *   czim_free_string() (or the struct's own *_clear function).
 * - Entry indices are libzim's internal dirent indices (zim::Entry::getIndex()), valid for
 *   czim_archive_entry_at_index / czim_archive_item_* on the same archive.
 *
 * Thread safety: libzim documents zim::Archive, zim::Entry, zim::Item and zim::Blob as thread-safe
 * (archive.h), so a czim_archive and a czim_blob may be used from several threads at once.
 * A czim_writer (zim::writer::Creator) must be used from one thread at a time.
 */
#ifndef CZIM_H
#define CZIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Status codes ------------------------------------------------------------------------- */

typedef enum czim_code {
    CZIM_OK = 0,
    /** No entry/metadata/illustration with that path, title, name, index or size. */
    CZIM_ERR_NOT_FOUND = 1,
    /** The file is not a (valid) ZIM archive, or an entry/cluster in it is corrupt. */
    CZIM_ERR_INVALID_ARCHIVE = 2,
    /** The file could not be opened/read/written (missing, permissions, disk full...). */
    CZIM_ERR_IO = 3,
    /** A full-text or title index was asked for but the archive has none. */
    CZIM_ERR_NO_INDEX = 4,
    /** zim::writer::Creator reported an error (invalid entry, duplicate path, error state...). */
    CZIM_ERR_WRITER = 5,
    /** A NULL handle/pointer or an out-of-range argument was passed. */
    CZIM_ERR_INVALID_ARGUMENT = 6,
    /** Any other exception (std::bad_alloc, unknown C++ exception...). */
    CZIM_ERR_UNKNOWN = 7
} czim_code;

/** Frees a string handed out by this API (error messages, czim_*_info strings). NULL is fine. */
void czim_free_string(char *string);

/** libzim's version string, e.g. "8.1.1" (static storage, do not free). */
const char *czim_libzim_version(void);

/* ---- Blob: bytes owned by libzim (zero copy) ---------------------------------------------- */

/** A zim::Blob kept alive on the heap. Its bytes stay valid until czim_blob_free(). */
typedef struct czim_blob czim_blob;

const void *czim_blob_data(const czim_blob *blob);
uint64_t czim_blob_size(const czim_blob *blob);
void czim_blob_free(czim_blob *blob);

/* ---- Archive ------------------------------------------------------------------------------ */

typedef struct czim_archive czim_archive;

/** Facts about an archive, read once when it is opened. */
typedef struct czim_archive_info {
    uint64_t file_size;
    uint32_t all_entry_count;     /* getAllEntryCount: every dirent, metadata included */
    uint32_t entry_count;         /* getEntryCount: user entries */
    uint32_t article_count;
    uint32_t media_count;
    bool has_main_entry;
    bool has_fulltext_index;
    bool has_title_index;
    bool has_new_namespace_scheme;
    bool has_checksum;
    bool is_multi_part;
    /** 32 lowercase hex digits and a NUL, no dashes. */
    char uuid[33];
} czim_archive_info;

/** Opens a ZIM file (zim::Archive; `path` may name a split archive "foo.zim" = foo.zimaa, ...).
 *  CZIM_ERR_IO when the file cannot be read, else CZIM_ERR_INVALID_ARCHIVE when libzim rejects it. */
czim_code czim_archive_open(const char *path, czim_archive **out_archive, char **error_message);
void czim_archive_free(czim_archive *archive);

/** Fills *out_info (cheap: values cached at open). */
void czim_archive_get_info(const czim_archive *archive, czim_archive_info *out_info);

/** Sets the cluster cache size (number of clusters) for archives opened *after* this call.
 *  libzim 8.1 has no per-archive knob: it reads the ZIM_CLUSTERCACHE environment variable when an
 *  archive is opened. Not thread-safe with a concurrent czim_archive_open (setenv). */
void czim_set_cluster_cache_size(uint32_t clusters);

/** Byte budget of the decoded-cluster cache shared by all archives (zstd clusters of single-file
 *  ZIMs are read by CZim itself: one pread per cluster, decoded only as far as needed, instead of
 *  libzim's mmap per kilobyte). Takes effect at once. Default 8 MiB. */
void czim_set_decoded_cluster_cache_bytes(uint64_t bytes);

/** Counters of that cache. */
typedef struct czim_cluster_cache_stats {
    uint64_t hits;
    uint64_t misses;
    uint64_t bytes;     /* bytes charged by the clusters held now */
    uint64_t clusters;  /* clusters held now */
    uint64_t budget;
    uint64_t kept_mapping_bytes;  /* buffers' mappings kept for reuse (a quarter of the budget, at least 3 MiB) */
    uint64_t reused_mappings;     /* buffers that got a kept mapping instead of a new one, since start */
} czim_cluster_cache_stats;
void czim_get_cluster_cache_stats(czim_cluster_cache_stats *out_stats);

/** zstd clusters `archive` read from its file into the decoded-cluster cache since it was opened
 *  (an item's size is read from the cluster's offset table alone and is not counted). */
uint64_t czim_archive_clusters_loaded(const czim_archive *archive);

/** When false, every item is read through libzim (tests compare both readers). Default true. */
void czim_set_direct_cluster_reading(bool enabled);

/* The ZIM file header (czim_header.cpp), read without opening the archive: positions of the
 * pointer tables, counts, versions. A title_pointer_position of all ones means the file has no
 * old-style title table (libzim 9 files). */
typedef struct {
    uint16_t major_version;
    uint16_t minor_version;
    uint32_t entry_count;
    uint32_t cluster_count;
    uint64_t path_pointer_position;
    uint64_t title_pointer_position;
    uint64_t cluster_pointer_position;
    uint64_t mime_list_position;
    uint32_t main_page;
    uint64_t checksum_position;
} czim_header;

/* Reads the header of the file at `path`; false when it can't be read or isn't a ZIM file. */
bool czim_read_header(const char *path, czim_header *out_header);

/* The SIGBUS fence (czim_file_fence.cpp): libzim maps parts of a ZIM file read-only, and a file
 * truncated or rewritten in place while served makes touching those pages raise SIGBUS, which
 * ends the whole process. Once installed (idempotent; true when the handler is in place), a
 * SIGBUS on a page of a ".zim" file mapping maps a zero page there and the read goes on;
 * any other SIGBUS goes to the previous handler. The count of pages fenced tells the kiosk that
 * a served file changed. */
bool czim_file_fence_install(void);
uint64_t czim_file_fence_count(void);

/* ---- Entries (plain data, copied out) ----------------------------------------------------- */

typedef struct czim_entry_info {
    uint32_t index;      /* internal dirent index (zim::Entry::getIndex) */
    bool is_redirect;
    char *path;          /* malloc'd */
    char *title;         /* malloc'd */
} czim_entry_info;

/** Frees the strings of an entry info filled by this API and zeroes it. */
void czim_entry_info_clear(czim_entry_info *info);

/** Archive::getEntryByPath(path): new-scheme archives also accept old "A/foo" paths. */
czim_code czim_archive_entry_by_path(const czim_archive *archive, const char *path,
                                     czim_entry_info *out_entry, char **error_message);
/** Archive::getEntryByTitle(title): searches the same title index (front articles only in
 *  recent archives). */
czim_code czim_archive_entry_by_title(const czim_archive *archive, const char *title,
                                      czim_entry_info *out_entry, char **error_message);
/** Archive::getEntryByPath(index): the index-th user entry in path order, 0..<entry_count. */
czim_code czim_archive_entry_by_path_index(const czim_archive *archive, uint32_t path_index,
                                           czim_entry_info *out_entry, char **error_message);
/** Archive::getEntryByTitle(index): the index-th entry of the title index. In archives with a
 *  front-article listing (libzim >= 7 writers) that index holds the front articles only
 *  (0..<article_count); in older ones, every entry. CZIM_ERR_NOT_FOUND past the end. */
czim_code czim_archive_entry_by_title_index(const czim_archive *archive, uint32_t title_index,
                                            czim_entry_info *out_entry, char **error_message);
/** The entry with that internal index (as returned in czim_entry_info.index). */
czim_code czim_archive_entry_at_index(const czim_archive *archive, uint32_t index,
                                      czim_entry_info *out_entry, char **error_message);
/** Archive::getMainEntry() (usually a redirect to the real main page). */
czim_code czim_archive_main_entry(const czim_archive *archive,
                                  czim_entry_info *out_entry, char **error_message);
/** Archive::getRandomEntry(): a random front article. */
czim_code czim_archive_random_entry(const czim_archive *archive,
                                    czim_entry_info *out_entry, char **error_message);
/** Entry::getRedirectEntry(): one hop. CZIM_ERR_INVALID_ARGUMENT when the entry is no redirect. */
czim_code czim_archive_redirect_target(const czim_archive *archive, uint32_t index,
                                       czim_entry_info *out_entry, char **error_message);

/* ---- Items -------------------------------------------------------------------------------- */

typedef struct czim_item_info {
    uint32_t index;             /* internal index of the entry holding the content */
    uint64_t size;
    char *path;                 /* malloc'd */
    char *title;                /* malloc'd */
    char *mime_type;            /* malloc'd */
    /** Item::getDirectAccessInformation(): set when the bytes lie uncompressed in a file. */
    bool has_direct_access;
    char *direct_access_path;   /* malloc'd, NULL when !has_direct_access */
    uint64_t direct_access_offset;
} czim_item_info;

void czim_item_info_clear(czim_item_info *info);

/** Entry::getItem(follow_redirects): with follow, redirect chains are followed (libzim stops
 *  after 50 hops); without, a redirect entry gives CZIM_ERR_INVALID_ARGUMENT. */
czim_code czim_archive_item(const czim_archive *archive, uint32_t entry_index, bool follow_redirects,
                            czim_item_info *out_item, char **error_message);

/** Item::getData(): the whole content of the (non-redirect) entry with that internal index. */
czim_code czim_archive_item_data(const czim_archive *archive, uint32_t entry_index,
                                 czim_blob **out_blob, char **error_message);
/** Item::getData(offset, size): a slice, clamped by libzim to the item's end. */
czim_code czim_archive_item_data_slice(const czim_archive *archive, uint32_t entry_index,
                                       uint64_t offset, uint64_t size,
                                       czim_blob **out_blob, char **error_message);

/* ---- Metadata and illustrations ----------------------------------------------------------- */

/** Archive::getMetadataKeys(): *out_keys is a malloc'd array of *out_count malloc'd strings,
 *  freed with czim_string_array_free(). */
czim_code czim_archive_metadata_keys(const czim_archive *archive, char ***out_keys, size_t *out_count,
                                     char **error_message);
void czim_string_array_free(char **strings, size_t count);

/** Archive::getMetadataItem(name).getData(). CZIM_ERR_NOT_FOUND when absent. */
czim_code czim_archive_metadata(const czim_archive *archive, const char *name,
                                czim_blob **out_blob, char **error_message);

/** Archive::getIllustrationSizes(): writes up to `capacity` sizes (ascending) into `out_sizes`
 *  (may be NULL when capacity is 0) and the total number into *out_count. */
czim_code czim_archive_illustration_sizes(const czim_archive *archive, uint32_t *out_sizes, size_t capacity,
                                          size_t *out_count, char **error_message);
/** Archive::getIllustrationItem(size).getData() (PNG bytes). CZIM_ERR_NOT_FOUND when absent. */
czim_code czim_archive_illustration(const czim_archive *archive, uint32_t size,
                                    czim_blob **out_blob, char **error_message);

/* ---- Validation (zim::IntegrityCheck) ----------------------------------------------------- */

/** Bit flags, one per zim::IntegrityCheck of libzim 8.1 (bit n = IntegrityCheck value n). */
enum {
    CZIM_CHECK_CHECKSUM = 1u << 0,          /* MD5 of the whole file: reads every byte */
    CZIM_CHECK_DIRENT_PTRS = 1u << 1,       /* every path pointer lands inside the file */
    CZIM_CHECK_DIRENT_ORDER = 1u << 2,      /* dirents sorted by path: reads every dirent */
    CZIM_CHECK_TITLE_INDEX = 1u << 3,       /* title pointers valid and sorted: reads every dirent */
    CZIM_CHECK_CLUSTER_PTRS = 1u << 4,      /* cluster pointers inside the file and increasing */
    CZIM_CHECK_DIRENT_MIMETYPES = 1u << 5,  /* every dirent's mime index exists: reads every dirent */
    CZIM_CHECK_ALL = (1u << 6) - 1
};

/** Opens `path` and runs every selected IntegrityCheck, CHECKSUM last (the equivalent of
 *  zim::validate, which only logs the reason to stderr and stops at the first failure).
 *  CZIM_OK when every check passes; otherwise CZIM_ERR_INVALID_ARCHIVE (or CZIM_ERR_IO) with a
 *  message naming each failed check and libzim's explanation ("TITLE_INDEX failed: ..."; a file
 *  libzim refuses to open gives "not a valid ZIM file: ..."). libzim's std::cerr output is captured
 *  during the checks (validations are serialized by a mutex).
 *  libzim 8.1's internal "Assertion failed" checks throw and are caught here, but libzim also has
 *  plain C assert()s: run it in a child process when the file is untrusted. */
czim_code czim_validate(const char *path, uint32_t checks, char **error_message);

/* ---- Writer (zim::writer::Creator) -------------------------------------------------------- */

typedef struct czim_writer czim_writer;

typedef struct czim_writer_options {
    bool compress;                /* true: zstd clusters; false: no compression */
    const char *index_language;   /* NULL: no full-text index; else ISO 639-3 code ("eng", "fra") */
    uint64_t cluster_size;        /* 0: libzim's default */
    uint32_t worker_threads;      /* 0: libzim's default (4) */
} czim_writer_options;

/** Hints for czim_writer_add_item / _add_redirect (zim::writer::HintKeys). */
enum {
    CZIM_HINT_FRONT_ARTICLE = 1u << 0,   /* FRONT_ARTICLE = 1 */
    CZIM_HINT_COMPRESS = 1u << 1,        /* COMPRESS = 1 (only when CZIM_HINT_COMPRESS_SET) */
    CZIM_HINT_COMPRESS_SET = 1u << 2,    /* give an explicit COMPRESS hint; else libzim decides by mime */
    CZIM_HINT_NO_INDEX = 1u << 3         /* do not full-text index this item */
};

/** Configures a Creator and calls startZimCreation(path). */
czim_code czim_writer_start(const char *path, const czim_writer_options *options,
                            czim_writer **out_writer, char **error_message);
/** Frees the creator. Without a successful finish the output file is incomplete. */
void czim_writer_free(czim_writer *writer);

czim_code czim_writer_set_main_path(czim_writer *writer, const char *path, char **error_message);
czim_code czim_writer_add_metadata(czim_writer *writer, const char *name, const void *value, size_t value_size,
                                   const char *mime_type, char **error_message);
czim_code czim_writer_add_illustration(czim_writer *writer, uint32_t size, const void *png, size_t png_size,
                                       char **error_message);
/** Adds an item whose content is copied (a StringItem-like item with a string ContentProvider). */
czim_code czim_writer_add_item(czim_writer *writer, const char *path, const char *title, const char *mime_type,
                               const void *content, size_t content_size, uint32_t hints, char **error_message);
czim_code czim_writer_add_redirect(czim_writer *writer, const char *path, const char *title,
                                   const char *target_path, uint32_t hints, char **error_message);
/** finishZimCreation(): writes the file. Call once; the writer is unusable afterwards. */
czim_code czim_writer_finish(czim_writer *writer, char **error_message);

/* ---- Search (zim::Searcher, zim::SuggestionSearcher) -------------------------------------- */

/** One hit of a full-text search or a suggestion, copied out of libzim. */
typedef struct czim_search_result {
    uint32_t index;      /* internal entry index (UINT32_MAX when libzim could not tell) */
    char *path;          /* malloc'd */
    char *title;         /* malloc'd */
    char *snippet;       /* malloc'd, or NULL (no snippet asked for / none) */
    int32_t score;       /* Xapian percentage (full text only) */
    int32_t word_count;  /* words in the article, -1 when unknown (full text only) */
} czim_search_result;

/** Frees an array handed out by czim_searcher_search / czim_suggester_suggest. NULL is fine. */
void czim_search_results_free(czim_search_result *results, size_t count);

/** A zim::Searcher over one archive. NOT thread-safe: one thread at a time per searcher; distinct
 *  searchers (each with its own Xapian database) may run at once. */
typedef struct czim_searcher czim_searcher;

/** CZIM_ERR_NO_INDEX when the archive has no full-text index. */
czim_code czim_searcher_new(const czim_archive *archive, czim_searcher **out_searcher, char **error_message);
void czim_searcher_free(czim_searcher *searcher);

/** Searcher::search(Query(query)).getResults(start, max_results): *out_results is a malloc'd array
 *  of *out_count results (free with czim_search_results_free); *out_estimated_matches (may be NULL)
 *  receives Search::getEstimatedMatches(). Snippets (costly: each reads its article) only when
 *  with_snippets. */
czim_code czim_searcher_search(czim_searcher *searcher, const char *query, uint32_t start, uint32_t max_results,
                               bool with_snippets, czim_search_result **out_results, size_t *out_count,
                               uint32_t *out_estimated_matches, char **error_message);

/** A zim::SuggestionSearcher over one archive (Xapian title index, or libzim's title-prefix range
 *  when the archive has none). NOT thread-safe, like czim_searcher. */
typedef struct czim_suggester czim_suggester;

czim_code czim_suggester_new(const czim_archive *archive, czim_suggester **out_suggester, char **error_message);
void czim_suggester_free(czim_suggester *suggester);

/** SuggestionSearcher::suggest(query).getResults(start, max_results), as czim_searcher_search
 *  (snippet: the title with matched words in <b>, when libzim gives one; score/word_count 0). */
czim_code czim_suggester_suggest(czim_suggester *suggester, const char *query, uint32_t start, uint32_t max_results,
                                 czim_search_result **out_results, size_t *out_count,
                                 uint32_t *out_estimated_matches, char **error_message);

#ifdef __cplusplus
}
#endif

#endif /* CZIM_H */
