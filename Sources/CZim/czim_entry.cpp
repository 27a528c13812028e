// Entries and items: lookups by path/title/index, redirects, item facts and data blobs.
#include "czim_internal.hpp"

namespace {

/// Copies an entry's facts out. On failure nothing is left allocated in *out.
czim_code fillEntry(const zim::Entry &entry, czim_entry_info *out) {
    czim_entry_info info{};
    info.index = entry.getIndex();
    info.is_redirect = entry.isRedirect();
    const std::string path = entry.getPath();
    const std::string title = entry.getTitle();
    info.path = czim::copyString(path);
    info.title = czim::copyString(title);
    if (info.path == nullptr || info.title == nullptr) {
        czim_entry_info_clear(&info);
        throw std::bad_alloc();
    }
    *out = info;
    return CZIM_OK;
}

/// The entry with libzim's internal index `index` (what zim::Entry::getIndex() returns).
/// zim::Entry's constructor from the archive's FileImpl is public API (entry.h).
zim::Entry entryAt(const czim_archive &archive, uint32_t index) {
    if (index >= archive.info.all_entry_count) {
        throw std::out_of_range("entry index " + std::to_string(index) + " out of range");
    }
    return zim::Entry(archive.archive.getImpl(), index);
}

template <typename Lookup>
czim_code lookup(const czim_archive *archive, czim_entry_info *out, char **error_message, Lookup &&find) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (archive == nullptr || out == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        return fillEntry(find(archive->archive), out);
    });
}

czim_code makeBlob(const czim_archive *archive, uint32_t entry_index, czim_blob **out_blob, char **error_message,
                   bool slice, uint64_t offset, uint64_t size) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (archive == nullptr || out_blob == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        czim::DirectItem direct;
        if (archive->direct && archive->direct->item(entry_index, direct)) {
            if (!slice) {
                offset = 0;
                size = direct.size;
            } else if (offset > direct.size) {
                return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "offset beyond the end of the item");
            }
            size = std::min<uint64_t>(size, direct.size - offset);
            const std::shared_ptr<const char> start(direct.bytes, direct.bytes.get() + offset);
            *out_blob = new czim_blob{zim::Blob(start, size)};
            return CZIM_OK;
        }
        const zim::Item item = entryAt(*archive, entry_index).getItem(false);
        if (slice) {
            const uint64_t itemSize = item.getSize();
            if (offset > itemSize) {
                return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "offset beyond the end of the item");
            }
            size = std::min<uint64_t>(size, itemSize - offset);
            *out_blob = new czim_blob{item.getData(offset, size)};
        } else {
            *out_blob = new czim_blob{item.getData()};
        }
        return CZIM_OK;
    });
}

}  // namespace

extern "C" {

void czim_entry_info_clear(czim_entry_info *info) {
    if (info == nullptr) return;
    std::free(info->path);
    std::free(info->title);
    *info = czim_entry_info{};
}

void czim_item_info_clear(czim_item_info *info) {
    if (info == nullptr) return;
    std::free(info->path);
    std::free(info->title);
    std::free(info->mime_type);
    std::free(info->direct_access_path);
    *info = czim_item_info{};
}

czim_code czim_archive_entry_by_path(const czim_archive *archive, const char *path,
                                     czim_entry_info *out_entry, char **error_message) {
    if (path == nullptr) return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL path");
    return lookup(archive, out_entry, error_message,
                  [&](const zim::Archive &a) { return a.getEntryByPath(std::string(path)); });
}

czim_code czim_archive_entry_by_title(const czim_archive *archive, const char *title,
                                      czim_entry_info *out_entry, char **error_message) {
    if (title == nullptr) return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL title");
    return lookup(archive, out_entry, error_message,
                  [&](const zim::Archive &a) { return a.getEntryByTitle(std::string(title)); });
}

czim_code czim_archive_entry_by_path_index(const czim_archive *archive, uint32_t path_index,
                                           czim_entry_info *out_entry, char **error_message) {
    return lookup(archive, out_entry, error_message, [&](const zim::Archive &a) {
        // libzim 8.1 only checks the index against *all* entries: past the user entries it would
        // hand out metadata/index entries.
        if (path_index >= archive->info.entry_count) {
            throw std::out_of_range("path index " + std::to_string(path_index) + " out of range");
        }
        return a.getEntryByPath(path_index);
    });
}

czim_code czim_archive_entry_by_title_index(const czim_archive *archive, uint32_t title_index,
                                            czim_entry_info *out_entry, char **error_message) {
    return lookup(archive, out_entry, error_message,
                  [&](const zim::Archive &a) { return a.getEntryByTitle(title_index); });
}

czim_code czim_archive_entry_at_index(const czim_archive *archive, uint32_t index,
                                      czim_entry_info *out_entry, char **error_message) {
    return lookup(archive, out_entry, error_message,
                  [&](const zim::Archive &) { return entryAt(*archive, index); });
}

czim_code czim_archive_main_entry(const czim_archive *archive, czim_entry_info *out_entry, char **error_message) {
    return lookup(archive, out_entry, error_message, [](const zim::Archive &a) { return a.getMainEntry(); });
}

czim_code czim_archive_random_entry(const czim_archive *archive, czim_entry_info *out_entry, char **error_message) {
    return lookup(archive, out_entry, error_message, [](const zim::Archive &a) { return a.getRandomEntry(); });
}

czim_code czim_archive_redirect_target(const czim_archive *archive, uint32_t index,
                                       czim_entry_info *out_entry, char **error_message) {
    return lookup(archive, out_entry, error_message,
                  [&](const zim::Archive &) { return entryAt(*archive, index).getRedirectEntry(); });
}

czim_code czim_archive_item(const czim_archive *archive, uint32_t entry_index, bool follow_redirects,
                            czim_item_info *out_item, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (archive == nullptr || out_item == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        const zim::Item item = entryAt(*archive, entry_index).getItem(follow_redirects);
        czim_item_info info{};
        info.index = item.getIndex();
        // A zstd cluster item: size from our decoded offset table; no direct access (compressed).
        // Otherwise libzim reads the cluster (its getSize/getDirectAccessInformation load it).
        const bool viaDirect = archive->direct && archive->direct->itemSize(info.index, info.size);
        if (!viaDirect) info.size = item.getSize();
        const std::string path = item.getPath();
        const std::string title = item.getTitle();
        const std::string mime = item.getMimetype();
        // Empty filename = compressed cluster (no direct access).
        const zim::Item::DirectAccessInfo direct =
            viaDirect ? zim::Item::DirectAccessInfo("", 0) : item.getDirectAccessInformation();
        info.path = czim::copyString(path);
        info.title = czim::copyString(title);
        info.mime_type = czim::copyString(mime);
        bool ok = info.path != nullptr && info.title != nullptr && info.mime_type != nullptr;
        if (ok && !direct.first.empty()) {
            info.has_direct_access = true;
            info.direct_access_path = czim::copyString(direct.first);
            info.direct_access_offset = direct.second;
            ok = info.direct_access_path != nullptr;
        }
        if (!ok) {
            czim_item_info_clear(&info);
            throw std::bad_alloc();
        }
        *out_item = info;
        return CZIM_OK;
    });
}

czim_code czim_archive_item_data(const czim_archive *archive, uint32_t entry_index,
                                 czim_blob **out_blob, char **error_message) {
    return makeBlob(archive, entry_index, out_blob, error_message, false, 0, 0);
}

czim_code czim_archive_item_data_slice(const czim_archive *archive, uint32_t entry_index,
                                       uint64_t offset, uint64_t size,
                                       czim_blob **out_blob, char **error_message) {
    return makeBlob(archive, entry_index, out_blob, error_message, true, offset, size);
}

}  // extern "C"
