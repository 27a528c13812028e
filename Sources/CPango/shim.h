#ifndef CPANGO_SHIM_H
#define CPANGO_SHIM_H

// Pango over cairo (Debian libpango1.0-dev): text layout with font fallback (accents, other
// scripts), line wrapping and measuring, for the signs.
#include <pango/pangocairo.h>

/// PANGO_SCALE is a macro Swift imports only as a plain Int32 constant in some versions; this
/// keeps the conversion in one place.
static inline int cpango_scale(void) { return PANGO_SCALE; }

#endif
