// zim::Archive: open, cached facts, metadata and illustrations.
#include "czim_internal.hpp"

#include <cerrno>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

/// Reads the facts czim_archive_info caches. Each value is read on its own so that one corrupt
/// structure (for example a broken full-text index entry) does not hide the others.
void readInfo(const zim::Archive &a, czim_archive_info &info) {
    std::memset(&info, 0, sizeof info);
    czim::quietly([&] { info.file_size = a.getFilesize(); });
    czim::quietly([&] { info.all_entry_count = a.getAllEntryCount(); });
    czim::quietly([&] { info.entry_count = a.getEntryCount(); });
    czim::quietly([&] { info.article_count = a.getArticleCount(); });
    czim::quietly([&] { info.media_count = a.getMediaCount(); });
    czim::quietly([&] { info.has_main_entry = a.hasMainEntry(); });
    czim::quietly([&] { info.has_fulltext_index = a.hasFulltextIndex(); });
    czim::quietly([&] { info.has_title_index = a.hasTitleIndex(); });
    czim::quietly([&] { info.has_new_namespace_scheme = a.hasNewNamespaceScheme(); });
    czim::quietly([&] { info.has_checksum = a.hasChecksum(); });
    czim::quietly([&] { info.is_multi_part = a.isMultiPart(); });
    czim::quietly([&] {
        const zim::Uuid uuid = a.getUuid();
        static const char hex[] = "0123456789abcdef";
        for (int i = 0; i < 16; ++i) {
            const auto byte = static_cast<unsigned char>(uuid.data[i]);
            info.uuid[2 * i] = hex[byte >> 4];
            info.uuid[2 * i + 1] = hex[byte & 0xf];
        }
        info.uuid[32] = '\0';
    });
}

/// After libzim refused a file: an I/O problem (missing, unreadable, a directory) or a bad file?
bool ioProblem(const char *path, std::string &why) {
    struct stat st;
    if (::stat(path, &st) != 0) {
        why = std::string("cannot open ") + path + ": " + std::strerror(errno);
        return true;
    }
    if (S_ISDIR(st.st_mode)) {
        why = std::string("cannot open ") + path + ": is a directory";
        return true;
    }
    const int fd = ::open(path, O_RDONLY);
    if (fd < 0) {
        why = std::string("cannot open ") + path + ": " + std::strerror(errno);
        return true;
    }
    ::close(fd);
    return false;
}

}  // namespace

extern "C" {

czim_code czim_archive_open(const char *path, czim_archive **out_archive, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (path == nullptr || out_archive == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "path and out_archive must not be NULL");
        }
        // No pre-check of `path` itself: libzim also opens split archives ("foo.zim" read from
        // "foo.zimaa", "foo.zimab"...), where `path` does not exist.
        std::string why;
        try {
            auto *handle = new czim_archive{zim::Archive(std::string(path)), {}, nullptr};
            readInfo(handle->archive, handle->info);
            if (!handle->info.is_multi_part) handle->direct = czim::DirectClusterReader::open(path);
            *out_archive = handle;
            return CZIM_OK;
        } catch (const std::bad_alloc &) {
            throw;
        } catch (const std::exception &e) {
            // libzim throws ZimFileFormatError for most bad files but a plain std::runtime_error
            // for some (e.g. "error N opening file"): sort them by looking at the file again.
            std::string ignored;
            const std::string firstPart = std::string(path) + "aa";  // a split archive's first part
            if (ioProblem(path, why) && ioProblem(firstPart.c_str(), ignored)) {
                return czim::fail(error_message, CZIM_ERR_IO, why);
            }
            return czim::fail(error_message, CZIM_ERR_INVALID_ARCHIVE,
                              std::string("not a valid ZIM file: ") + e.what());
        }
    });
}

void czim_archive_free(czim_archive *archive) {
    czim::quietly([&] { delete archive; });
}

void czim_archive_get_info(const czim_archive *archive, czim_archive_info *out_info) {
    czim::quietly([&] {
        if (archive != nullptr && out_info != nullptr) *out_info = archive->info;
    });
}

czim_code czim_archive_metadata_keys(const czim_archive *archive, char ***out_keys, size_t *out_count,
                                     char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (archive == nullptr || out_keys == nullptr || out_count == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        const std::vector<std::string> keys = archive->archive.getMetadataKeys();
        char **array = static_cast<char **>(std::calloc(keys.size() + 1, sizeof(char *)));
        if (array == nullptr) throw std::bad_alloc();
        for (size_t i = 0; i < keys.size(); ++i) {
            array[i] = czim::copyString(keys[i]);
            if (array[i] == nullptr) {
                czim_string_array_free(array, i);
                throw std::bad_alloc();
            }
        }
        *out_keys = array;
        *out_count = keys.size();
        return CZIM_OK;
    });
}

czim_code czim_archive_metadata(const czim_archive *archive, const char *name,
                                czim_blob **out_blob, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (archive == nullptr || name == nullptr || out_blob == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        zim::Item item = archive->archive.getMetadataItem(name);
        *out_blob = new czim_blob{item.getData()};
        return CZIM_OK;
    });
}

czim_code czim_archive_illustration_sizes(const czim_archive *archive, uint32_t *out_sizes, size_t capacity,
                                          size_t *out_count, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (archive == nullptr || out_count == nullptr || (capacity > 0 && out_sizes == nullptr)) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        const std::set<unsigned int> sizes = archive->archive.getIllustrationSizes();
        size_t i = 0;
        for (unsigned int size : sizes) {
            if (i < capacity) out_sizes[i] = size;
            ++i;
        }
        *out_count = sizes.size();
        return CZIM_OK;
    });
}

czim_code czim_archive_illustration(const czim_archive *archive, uint32_t size,
                                    czim_blob **out_blob, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (archive == nullptr || out_blob == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        zim::Item item = archive->archive.getIllustrationItem(size);
        *out_blob = new czim_blob{item.getData()};
        return CZIM_OK;
    });
}

}  // extern "C"
