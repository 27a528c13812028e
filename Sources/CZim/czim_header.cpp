// The ZIM file header (the first 80 bytes): the one place it is parsed. libzim keeps it to
// itself; CZim's direct cluster reader needs its pointer-table positions and the kiosk needs the
// entry count (how long a full check takes) and whether the old title table exists.
#include "czim_header.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace czim {

namespace {
uint64_t littleEndian(const unsigned char *bytes, size_t width) {
    uint64_t value = 0;
    for (size_t b = 0; b < width; ++b) value |= uint64_t(bytes[b]) << (8 * b);
    return value;
}
}  // namespace

bool parseHeader(const unsigned char *bytes, size_t size, czim_header &out) {
    if (size < 80 || littleEndian(bytes, 4) != 72173914) return false;  // "ZIM\x04"
    out.major_version = static_cast<uint16_t>(littleEndian(bytes + 4, 2));
    out.minor_version = static_cast<uint16_t>(littleEndian(bytes + 6, 2));
    out.entry_count = static_cast<uint32_t>(littleEndian(bytes + 24, 4));
    out.cluster_count = static_cast<uint32_t>(littleEndian(bytes + 28, 4));
    out.path_pointer_position = littleEndian(bytes + 32, 8);
    out.title_pointer_position = littleEndian(bytes + 40, 8);
    out.cluster_pointer_position = littleEndian(bytes + 48, 8);
    out.mime_list_position = littleEndian(bytes + 56, 8);
    out.main_page = static_cast<uint32_t>(littleEndian(bytes + 64, 4));
    out.checksum_position = littleEndian(bytes + 72, 8);
    return true;
}

}  // namespace czim

extern "C" bool czim_read_header(const char *path, czim_header *out_header) {
    if (path == nullptr || out_header == nullptr) return false;
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    unsigned char bytes[80];
    size_t got = 0;
    while (got < sizeof bytes) {
        const ssize_t n = ::pread(fd, bytes + got, sizeof bytes - got, static_cast<off_t>(got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<size_t>(n);
    }
    ::close(fd);
    return czim::parseHeader(bytes, got, *out_header);
}
