// Internal helpers shared by the CZim .cpp files (not part of the public C header).
//
// Every extern "C" function of CZim runs its body inside czim::guarded(), which wraps it in
// try { } catch (const std::exception&) { } catch (...) { }: a C++ exception that reached a Swift
// frame would abort the whole process.
#pragma once

#include "CZim.h"
#include "czim_clusters.hpp"

#include <zim/archive.h>
#include <zim/blob.h>
#include <zim/entry.h>
#include <zim/error.h>
#include <zim/item.h>

#include <cstdlib>
#include <memory>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

struct czim_blob {
    zim::Blob blob;
};

struct czim_archive {
    zim::Archive archive;
    czim_archive_info info;
    /// Reads zstd clusters without libzim's per-kilobyte mmap (nullptr for split archives).
    std::unique_ptr<czim::DirectClusterReader> direct;
};

namespace czim {

/// malloc'd copy of `s` (NULL if out of memory). Freed with czim_free_string().
inline char *copyString(const std::string &s) noexcept {
    char *out = static_cast<char *>(std::malloc(s.size() + 1));
    if (out != nullptr) {
        std::memcpy(out, s.data(), s.size());
        out[s.size()] = '\0';
    }
    return out;
}

/// `text` on one line: runs of whitespace (libzim's messages contain newlines and indentation)
/// become one space, and leading/trailing whitespace goes.
inline std::string oneLine(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            pendingSpace = !out.empty();
        } else {
            if (pendingSpace) out += ' ';
            pendingSpace = false;
            out += c;
        }
    }
    return out;
}

/// Stores `message` (on one line) in *error_message (when asked for) and returns `code`.
inline czim_code fail(char **error_message, czim_code code, const std::string &message) noexcept {
    try {
        if (error_message != nullptr) {
            const std::string text = oneLine(message);
            *error_message = copyString(text.empty() ? std::string("unknown error") : text);
        }
    } catch (...) {
        // Out of memory while building the message: the code alone has to do.
    }
    return code;
}

inline czim_code fail(char **error_message, czim_code code, const char *message) noexcept {
    try {
        return fail(error_message, code, std::string(message != nullptr ? message : ""));
    } catch (...) {
        return code;  // out of memory while copying the message
    }
}

/// Runs `body` (which returns a czim_code) and turns any exception into a code + message.
/// `otherError` is the code for a std::exception libzim does not classify (for example a plain
/// std::runtime_error raised while reading a corrupt cluster, or by the writer).
template <typename Body>
czim_code guarded(char **error_message, czim_code otherError, Body &&body) noexcept {
    try {
        return body();
    } catch (const zim::EntryNotFound &e) {
        return fail(error_message, CZIM_ERR_NOT_FOUND, e.what());
    } catch (const zim::ZimFileFormatError &e) {
        return fail(error_message, CZIM_ERR_INVALID_ARCHIVE, e.what());
    } catch (const zim::InvalidType &e) {
        return fail(error_message, CZIM_ERR_INVALID_ARGUMENT, e.what());
    } catch (const zim::CreatorError &e) {
        return fail(error_message, CZIM_ERR_WRITER, e.what());
    } catch (const std::out_of_range &e) {
        return fail(error_message, CZIM_ERR_NOT_FOUND, e.what());
    } catch (const std::bad_alloc &) {
        return fail(error_message, CZIM_ERR_UNKNOWN, "out of memory");
    } catch (const std::exception &e) {
        return fail(error_message, otherError, e.what());
    } catch (...) {
        // Xapian::Error and friends do not derive from std::exception.
        return fail(error_message, CZIM_ERR_UNKNOWN, "unknown C++ exception");
    }
}

/// For functions that cannot report an error (free functions, accessors): swallow everything.
template <typename Body>
void quietly(Body &&body) noexcept {
    try {
        body();
    } catch (const std::exception &) {
    } catch (...) {
    }
}

}  // namespace czim
