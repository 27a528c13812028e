// zim::writer::Creator: writing ZIM files (test fixtures, the demo book, benchmark ZIMs).
#include "czim_internal.hpp"

#include <zim/writer/contentProvider.h>
#include <zim/writer/creator.h>
#include <zim/writer/item.h>

#include <memory>

struct czim_writer {
    zim::writer::Creator creator;
    bool finished = false;
};

namespace {

/// An item whose bytes live in a shared string: like zim::writer::StringItem, plus a switch to keep
/// it out of the full-text index (StringItem always indexes text/html).
class BufferItem final : public zim::writer::Item {
public:
    BufferItem(std::string path, std::string title, std::string mimeType,
               std::shared_ptr<const std::string> content, zim::writer::Hints hints, bool indexed)
        : path_(std::move(path)), title_(std::move(title)), mimeType_(std::move(mimeType)),
          content_(std::move(content)), hints_(std::move(hints)), indexed_(indexed) {}

    std::string getPath() const override { return path_; }
    std::string getTitle() const override { return title_; }
    std::string getMimeType() const override { return mimeType_; }
    zim::writer::Hints getHints() const override { return hints_; }

    std::unique_ptr<zim::writer::ContentProvider> getContentProvider() const override {
        return std::unique_ptr<zim::writer::ContentProvider>(new zim::writer::SharedStringProvider(content_));
    }

    std::shared_ptr<zim::writer::IndexData> getIndexData() const override {
        return indexed_ ? zim::writer::Item::getIndexData() : nullptr;
    }

private:
    std::string path_, title_, mimeType_;
    std::shared_ptr<const std::string> content_;
    zim::writer::Hints hints_;
    bool indexed_;
};

zim::writer::Hints makeHints(uint32_t flags) {
    zim::writer::Hints hints;
    if (flags & CZIM_HINT_FRONT_ARTICLE) hints[zim::writer::FRONT_ARTICLE] = 1;
    if (flags & CZIM_HINT_COMPRESS_SET) hints[zim::writer::COMPRESS] = (flags & CZIM_HINT_COMPRESS) ? 1 : 0;
    return hints;
}

std::string bytes(const void *data, size_t size) {
    return size == 0 ? std::string() : std::string(static_cast<const char *>(data), size);
}

template <typename Body>
czim_code withWriter(czim_writer *writer, char **error_message, Body &&body) {
    return czim::guarded(error_message, CZIM_ERR_WRITER, [&]() -> czim_code {
        if (writer == nullptr) return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL writer");
        if (writer->finished) return czim::fail(error_message, CZIM_ERR_WRITER, "the ZIM file is already finished");
        body(writer->creator);
        return CZIM_OK;
    });
}

}  // namespace

extern "C" {

czim_code czim_writer_start(const char *path, const czim_writer_options *options,
                            czim_writer **out_writer, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_WRITER, [&]() -> czim_code {
        if (path == nullptr || options == nullptr || out_writer == nullptr) {
            return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
        }
        std::unique_ptr<czim_writer> writer(new czim_writer());
        auto &creator = writer->creator;
        creator.configVerbose(false);
        creator.configCompression(options->compress ? zim::Compression::Zstd : zim::Compression::None);
        if (options->index_language != nullptr) {
            creator.configIndexing(true, options->index_language);
        } else {
            creator.configIndexing(false, "");
        }
        if (options->cluster_size > 0) creator.configClusterSize(options->cluster_size);
        if (options->worker_threads > 0) creator.configNbWorkers(options->worker_threads);
        creator.startZimCreation(path);
        *out_writer = writer.release();
        return CZIM_OK;
    });
}

void czim_writer_free(czim_writer *writer) {
    czim::quietly([&] { delete writer; });
}

czim_code czim_writer_set_main_path(czim_writer *writer, const char *path, char **error_message) {
    if (path == nullptr) return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL path");
    return withWriter(writer, error_message, [&](zim::writer::Creator &c) { c.setMainPath(path); });
}

czim_code czim_writer_add_metadata(czim_writer *writer, const char *name, const void *value, size_t value_size,
                                   const char *mime_type, char **error_message) {
    if (name == nullptr || (value == nullptr && value_size > 0)) {
        return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
    }
    return withWriter(writer, error_message, [&](zim::writer::Creator &c) {
        c.addMetadata(name, bytes(value, value_size),
                      mime_type != nullptr ? std::string(mime_type) : std::string("text/plain;charset=utf-8"));
    });
}

czim_code czim_writer_add_illustration(czim_writer *writer, uint32_t size, const void *png, size_t png_size,
                                       char **error_message) {
    if (png == nullptr && png_size > 0) return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL png");
    return withWriter(writer, error_message,
                      [&](zim::writer::Creator &c) { c.addIllustration(size, bytes(png, png_size)); });
}

czim_code czim_writer_add_item(czim_writer *writer, const char *path, const char *title, const char *mime_type,
                               const void *content, size_t content_size, uint32_t hints, char **error_message) {
    if (path == nullptr || title == nullptr || mime_type == nullptr || (content == nullptr && content_size > 0)) {
        return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
    }
    return withWriter(writer, error_message, [&](zim::writer::Creator &c) {
        auto data = std::make_shared<const std::string>(bytes(content, content_size));
        c.addItem(std::make_shared<BufferItem>(path, title, mime_type, std::move(data), makeHints(hints),
                                               (hints & CZIM_HINT_NO_INDEX) == 0));
    });
}

czim_code czim_writer_add_redirect(czim_writer *writer, const char *path, const char *title,
                                   const char *target_path, uint32_t hints, char **error_message) {
    if (path == nullptr || title == nullptr || target_path == nullptr) {
        return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL argument");
    }
    return withWriter(writer, error_message, [&](zim::writer::Creator &c) {
        c.addRedirection(path, title, target_path, makeHints(hints));
    });
}

czim_code czim_writer_finish(czim_writer *writer, char **error_message) {
    return withWriter(writer, error_message, [&](zim::writer::Creator &c) {
        // Marked finished first: after a failed finishZimCreation the Creator is in error state.
        writer->finished = true;
        c.finishZimCreation();
    });
}

}  // extern "C"
