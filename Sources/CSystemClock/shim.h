#ifndef CSYSTEMCLOCK_SHIM_H
#define CSYSTEMCLOCK_SHIM_H

#include <sys/timex.h>

/// Whether the kernel says the system clock is synchronised (NTP or a person set it).
/// `struct timex` and `adjtimex` are not imported by Swift's Glibc module, hence this shim.
/// Returns 1 when synchronised, 0 when not, -1 when the kernel won't say.
static inline int csystemclock_synchronised(void) {
    struct timex tx = {0};
    int state = adjtimex(&tx);
    if (state == -1) return -1;
    if (state == TIME_ERROR || (tx.status & STA_UNSYNC)) return 0;
    return 1;
}

#endif
