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

/// Clears the kernel's "unsynchronised" flag after a person set the clock (the root helper's
/// `set-time`), so the clock reads as synchronised, as after NTP. Returns adjtimex's result.
static inline int csystemclock_mark_synchronised(void) {
    struct timex tx = {0};
    if (adjtimex(&tx) == -1) return -1;
    tx.modes = ADJ_STATUS | ADJ_MAXERROR | ADJ_ESTERROR;
    tx.status &= ~STA_UNSYNC;
    tx.maxerror = 0;
    tx.esterror = 0;
    return adjtimex(&tx);
}

#endif
