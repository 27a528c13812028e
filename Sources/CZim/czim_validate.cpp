// zim::IntegrityCheck validation with a readable reason.
//
// zim::validate(path, checks) only returns a bool and prints the reason on std::cerr. This does the
// same thing (open, then Archive::checkIntegrity for each selected check), but runs every selected
// check, names each failed one, and captures what libzim printed.
#include "czim_internal.hpp"

#include <iostream>
#include <mutex>
#include <sstream>

namespace {

const char *const kCheckNames[] = {
    "CHECKSUM", "DIRENT_PTRS", "DIRENT_ORDER", "TITLE_INDEX", "CLUSTER_PTRS", "DIRENT_MIMETYPES",
};
static_assert(sizeof(kCheckNames) / sizeof(kCheckNames[0]) == size_t(zim::IntegrityCheck::COUNT),
              "one name per zim::IntegrityCheck");

/// std::cerr is process-wide: validations are serialized and cerr is redirected while one runs.
std::mutex cerrMutex;

class CerrCapture {
public:
    CerrCapture() : previous_(std::cerr.rdbuf(buffer_.rdbuf())) {}
    ~CerrCapture() { std::cerr.rdbuf(previous_); }
    CerrCapture(const CerrCapture &) = delete;
    CerrCapture &operator=(const CerrCapture &) = delete;
    std::string text() const { return buffer_.str(); }

private:
    std::ostringstream buffer_;  // declared first: constructed before previous_ is initialised
    std::streambuf *previous_;
};

}  // namespace

extern "C" {

czim_code czim_validate(const char *path, uint32_t checks, char **error_message) {
    return czim::guarded(error_message, CZIM_ERR_INVALID_ARCHIVE, [&]() -> czim_code {
        if (path == nullptr) return czim::fail(error_message, CZIM_ERR_INVALID_ARGUMENT, "NULL path");
        czim_archive *opened = nullptr;
        const czim_code openCode = czim_archive_open(path, &opened, error_message);
        if (openCode != CZIM_OK) return openCode;
        std::unique_ptr<czim_archive, void (*)(czim_archive *)> archive(opened, czim_archive_free);

        std::lock_guard<std::mutex> lock(cerrMutex);
        std::string failures;
        // Structural checks first, CHECKSUM last: a file with a structural defect also fails its
        // checksum, and the structural message is the useful one.
        for (size_t n = 1; n <= size_t(zim::IntegrityCheck::COUNT); ++n) {
            const size_t i = n % size_t(zim::IntegrityCheck::COUNT);
            if ((checks & (1u << i)) == 0) continue;
            CerrCapture capture;  // libzim explains failures on std::cerr
            bool passed = false;
            std::string exceptionText;
            try {
                passed = archive->archive.checkIntegrity(zim::IntegrityCheck(i));
            } catch (const std::exception &e) {
                exceptionText = e.what();
            } catch (...) {
                exceptionText = "unknown C++ exception";
            }
            if (passed) continue;
            std::string reason = czim::oneLine(capture.text());
            if (!exceptionText.empty()) reason += (reason.empty() ? "" : " ") + exceptionText;
            if (!failures.empty()) failures += "; ";
            failures += std::string(kCheckNames[i]) + " failed" + (reason.empty() ? "" : ": " + reason);
        }
        if (!failures.empty()) return czim::fail(error_message, CZIM_ERR_INVALID_ARCHIVE, failures);
        return CZIM_OK;
    });
}

}  // extern "C"
