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

/// Pages fenced so far. Two threads can fault on the same page at once: the second one's
/// handler then reads /proc/self/maps after the first replaced the page with its zero page, no
/// longer sees a ZIM file there, and took the fault for a crash (seen 1 run in 3 under
/// ThreadSanitizer, whose slower handlers widen the window). A page is recorded here before it
/// is replaced; a fault on a recorded page that is now anonymous (our zero page) just returns,
/// and the read runs again. Lock-free (async-signal-safe); when full, pages are no longer
/// recorded (the old behaviour).
constexpr size_t fencedSlots = 512;
std::atomic<uintptr_t> fencedSet[fencedSlots];

bool isFenced(uintptr_t page) {
    for (size_t i = 0; i < fencedSlots; ++i) {
        const uintptr_t slot = fencedSet[i].load(std::memory_order_acquire);
        if (slot == page) return true;
        if (slot == 0) return false;
    }
    return false;
}

/// Records `page` (once; nothing when the set is full).
void recordFenced(uintptr_t page) {
    for (size_t i = 0; i < fencedSlots; ++i) {
        uintptr_t expected = 0;
        if (fencedSet[i].compare_exchange_strong(expected, page, std::memory_order_acq_rel) || expected == page) return;
    }
}

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

/// What is mapped at an address, as /proc/self/maps says.
enum class Mapping { none, zim, anonymous, other };

/// One line of /proc/self/maps ("start-end perms offset dev inode   path"): what it maps at
/// `address` (none when the line does not cover it). A ".zim" file may be " (deleted)".
Mapping lineMapping(const char *line, size_t length, uintptr_t address) {
    const char *p = line, *end = line + length;
    const uintptr_t start = parseHex(p, end);
    if (p >= end || *p != '-') return Mapping::none;
    ++p;
    const uintptr_t stop = parseHex(p, end);
    if (address < start || address >= stop) return Mapping::none;
    // Skip the four fields after the range; what is left (spaces trimmed) is the path.
    for (int field = 0; field < 4; ++field) {
        while (p < end && *p == ' ') ++p;
        while (p < end && *p != ' ') ++p;
    }
    while (p < end && *p == ' ') ++p;
    if (p >= end) return Mapping::anonymous;
    static const char deleted[] = " (deleted)";
    const size_t deletedLength = sizeof(deleted) - 1;
    if (end - p >= static_cast<long>(deletedLength) && std::memcmp(end - deletedLength, deleted, deletedLength) == 0) {
        end -= deletedLength;
    }
    return end - p >= 4 && std::memcmp(end - 4, ".zim", 4) == 0 ? Mapping::zim : Mapping::other;
}

/// What is mapped at `address` (async-signal-safe: no allocation, no locks).
Mapping mappingAt(uintptr_t address) {
    const int fd = ::open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Mapping::none;
    char chunk[4096];
    char line[1024];
    size_t lineLength = 0;
    Mapping found = Mapping::none;
    bool overflow = false;
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) break;
        for (ssize_t i = 0; i < n && found == Mapping::none; ++i) {
            if (chunk[i] == '\n') {
                // A line longer than the buffer lost its path's end: it can't be recognised.
                if (!overflow) found = lineMapping(line, lineLength, address);
                lineLength = 0;
                overflow = false;
            } else if (lineLength < sizeof line) {
                line[lineLength++] = chunk[i];
            } else {
                overflow = true;
            }
        }
        if (found != Mapping::none) break;
    }
    ::close(fd);
    return found;
}

void onSigbus(int signal, siginfo_t *info, void *context) {
    if (info != nullptr && info->si_code == BUS_ADRERR) {
        const uintptr_t address = reinterpret_cast<uintptr_t>(info->si_addr);
        const long pageSize = ::sysconf(_SC_PAGESIZE);
        const uintptr_t page = address & ~static_cast<uintptr_t>(pageSize - 1);
        const Mapping mapping = mappingAt(address);
        // Another thread replaced this page with its zero page after this read faulted: run
        // the read again. (Only our own anonymous page: a file mapped there later is not ours.)
        if (mapping == Mapping::anonymous && isFenced(page)) return;
        if (mapping == Mapping::zim) {
            // Recorded before it is replaced, for the case above. (If mmap fails, the previous
            // handler below ends the process.)
            recordFenced(page);
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
