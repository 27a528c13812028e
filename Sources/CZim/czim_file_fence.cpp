// The SIGBUS fence: a ZIM file shrinking under libzim's read-only mappings of it must not kill
// the process (internal to CZim; see czim_file_fence_install in CZim.h).
//
// libzim maps parts of a ZIM file (pointer tables, title index, uncompressed clusters). When the
// file is truncated or rewritten in place while served (a new edition copied over the old name,
// rsync --inplace), touching a mapped page past the new end of the file raises SIGBUS
// (BUS_ADRERR), whose default action ends every book with the process. The handler below checks,
// with async-signal-safe calls only (open/read/close on /proc/self/maps, mmap), that the faulting
// address lies in a mapping of a file whose name ends in ".zim"; if so it maps a zero-filled
// private page over that page and returns, so the read completes (with zeros: libzim then sees
// garbage and throws, and the request gets an error page) and the fence counter tells the kiosk
// a served file changed. Any other SIGBUS is given to the previous handler (or the default one).
#include "czim_internal.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>

namespace {

std::atomic<uint64_t> fencedPages{0};
std::atomic<bool> installed{false};
struct sigaction previousAction;

/// Parses a hexadecimal number at `p`, advancing it.
uintptr_t parseHex(const char *&p, const char *end) {
    uintptr_t value = 0;
    while (p < end) {
        const char c = *p;
        int digit;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else break;
        value = value * 16 + static_cast<uintptr_t>(digit);
        ++p;
    }
    return value;
}

/// Whether one line of /proc/self/maps ("start-end perms offset dev inode   path") maps a
/// ".zim" file (possibly " (deleted)") over `address`.
bool lineMapsZim(const char *line, size_t length, uintptr_t address) {
    const char *p = line, *end = line + length;
    const uintptr_t start = parseHex(p, end);
    if (p >= end || *p != '-') return false;
    ++p;
    const uintptr_t stop = parseHex(p, end);
    if (address < start || address >= stop) return false;
    // The path is the last field; look for ".zim" at its end, before an optional " (deleted)".
    static const char deleted[] = " (deleted)";
    const size_t deletedLength = sizeof(deleted) - 1;
    if (length >= deletedLength && std::memcmp(end - deletedLength, deleted, deletedLength) == 0) end -= deletedLength;
    return end - line >= 4 && std::memcmp(end - 4, ".zim", 4) == 0;
}

/// Whether `address` is in a mapping of a ZIM file (async-signal-safe: no allocation, no locks).
bool addressMapsZim(uintptr_t address) {
    const int fd = ::open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    char chunk[4096];
    char line[1024];
    size_t lineLength = 0;
    bool found = false, overflow = false;
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) break;
        for (ssize_t i = 0; i < n && !found; ++i) {
            if (chunk[i] == '\n') {
                // A line longer than the buffer lost its path's end: it can't be recognised.
                if (!overflow && lineMapsZim(line, lineLength, address)) found = true;
                lineLength = 0;
                overflow = false;
            } else if (lineLength < sizeof line) {
                line[lineLength++] = chunk[i];
            } else {
                overflow = true;
            }
        }
        if (found) break;
    }
    ::close(fd);
    return found;
}

void onSigbus(int signal, siginfo_t *info, void *context) {
    if (info != nullptr && info->si_code == BUS_ADRERR) {
        const uintptr_t address = reinterpret_cast<uintptr_t>(info->si_addr);
        if (addressMapsZim(address)) {
            const long pageSize = ::sysconf(_SC_PAGESIZE);
            const uintptr_t page = address & ~static_cast<uintptr_t>(pageSize - 1);
            void *fence = ::mmap(reinterpret_cast<void *>(page), static_cast<size_t>(pageSize), PROT_READ,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (fence != MAP_FAILED) {
                fencedPages.fetch_add(1, std::memory_order_relaxed);
                return;  // the faulting read runs again, on the zero page
            }
        }
    }
    // Not a ZIM file's page: whoever handled SIGBUS before (the Swift runtime's backtracer, a
    // sanitizer) or the default action, by re-raising with that handler in place.
    if (previousAction.sa_flags & SA_SIGINFO) {
        if (previousAction.sa_sigaction != nullptr) return previousAction.sa_sigaction(signal, info, context);
    } else if (previousAction.sa_handler != SIG_DFL && previousAction.sa_handler != SIG_IGN &&
               previousAction.sa_handler != nullptr) {
        return previousAction.sa_handler(signal);
    }
    ::signal(SIGBUS, SIG_DFL);
    ::raise(SIGBUS);
}

}  // namespace

extern "C" {

bool czim_file_fence_install(void) {
    bool expected = false;
    if (!installed.compare_exchange_strong(expected, true)) return true;
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_sigaction = onSigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (::sigaction(SIGBUS, &action, &previousAction) != 0) {
        installed.store(false);
        return false;
    }
    return true;
}

uint64_t czim_file_fence_count(void) {
    return fencedPages.load(std::memory_order_relaxed);
}

}  // extern "C"
