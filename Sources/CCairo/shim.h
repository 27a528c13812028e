#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H

// cairo (Debian libcairo2-dev) with its PDF, SVG and PNG back ends: the signs' vector output.
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#endif
