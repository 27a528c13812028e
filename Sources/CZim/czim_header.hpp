// The ZIM header parser shared by czim_read_header and the direct cluster reader (internal to CZim).
#pragma once

#include "CZim.h"

#include <cstddef>

namespace czim {

/// Fills `out` from the first 80 bytes of a ZIM file; false when `size` is short or the magic
/// number is not ZIM's.
bool parseHeader(const unsigned char *bytes, size_t size, czim_header &out);

}  // namespace czim
