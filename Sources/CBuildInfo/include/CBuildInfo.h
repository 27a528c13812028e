#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The version this binary was built as: the Debian package's version when
/// scripts/package-deb.sh (or Deploy/install.sh) built it, "source build" otherwise.
const char *cbuildinfo_version(void);

/// The commit this binary was built from (`git rev-parse --short=12 HEAD`, "-dirty" when the
/// checkout had changes), or "unknown" for a build that was not told.
const char *cbuildinfo_commit(void);

#endif
