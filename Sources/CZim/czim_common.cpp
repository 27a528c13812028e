// Strings, blobs and version: the small pieces every other CZim file hands out.
#include "czim_internal.hpp"

#include <zim/version.h>

extern "C" {

void czim_free_string(char *string) {
    std::free(string);
}

void czim_string_array_free(char **strings, size_t count) {
    if (strings == nullptr) return;
    for (size_t i = 0; i < count; ++i) std::free(strings[i]);
    std::free(strings);
}

const char *czim_libzim_version(void) {
    // Function-local static: initialised once, thread-safely; never throws out of here.
    static const std::string version = []() -> std::string {
        try {
            for (const auto &entry : zim::getVersions()) {
                if (entry.first == "libzim") return entry.second;
            }
        } catch (const std::exception &) {
        } catch (...) {
        }
        return "unknown";
    }();
    return version.c_str();
}

const void *czim_blob_data(const czim_blob *blob) {
    // zim::Blob::data() is an inline shared_ptr get(): cannot throw.
    return blob != nullptr ? static_cast<const void *>(blob->blob.data()) : nullptr;
}

uint64_t czim_blob_size(const czim_blob *blob) {
    return blob != nullptr ? static_cast<uint64_t>(blob->blob.size()) : 0;
}

void czim_blob_free(czim_blob *blob) {
    czim::quietly([&] { delete blob; });
}

void czim_set_cluster_cache_size(uint32_t clusters) {
    // libzim 8.1 reads ZIM_CLUSTERCACHE in each FileImpl constructor (envValue()).
    czim::quietly([&] { ::setenv("ZIM_CLUSTERCACHE", std::to_string(clusters).c_str(), 1); });
}

void czim_set_decoded_cluster_cache_bytes(uint64_t bytes) {
    czim::quietly([&] { czim::setClusterCacheBudget(bytes); });
}

void czim_get_cluster_cache_stats(czim_cluster_cache_stats *out_stats) {
    czim::quietly([&] {
        if (out_stats == nullptr) return;
        const czim::ClusterCacheStats stats = czim::clusterCacheStats();
        *out_stats = czim_cluster_cache_stats{stats.hits,     stats.misses,           stats.bytes,         stats.clusters,
                                              stats.budget,   stats.keptMappingBytes, stats.reusedMappings};
    });
}

uint64_t czim_archive_clusters_loaded(const czim_archive *archive) {
    return archive != nullptr && archive->direct ? archive->direct->clustersLoaded() : 0;
}

void czim_set_direct_cluster_reading(bool enabled) { czim::setDirectReadingEnabled(enabled); }

}  // extern "C"
