// The build's version and commit, given by Package.swift as C defines from the environment
// variables WIKIKIOSK_VERSION and WIKIKIOSK_COMMIT (set by scripts/package-deb.sh). They live in
// this one C file so that a new version recompiles one file and relinks, not the Swift modules.
#include "CBuildInfo.h"

#ifndef WIKIKIOSK_VERSION
#define WIKIKIOSK_VERSION "source build"
#endif
#ifndef WIKIKIOSK_COMMIT
#define WIKIKIOSK_COMMIT "unknown"
#endif

const char *cbuildinfo_version(void) { return WIKIKIOSK_VERSION; }
const char *cbuildinfo_commit(void) { return WIKIKIOSK_COMMIT; }
