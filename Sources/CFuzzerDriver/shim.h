#ifndef CFUZZERDRIVER_SHIM_H
#define CFUZZERDRIVER_SHIM_H
// libFuzzer's driver, for an executable that has its own main (SwiftPM links every executable
// with `main` aliased to the module's Swift entry point, so libFuzzer's own main can't be used).
// Defined by libclang_rt.fuzzer, which `-sanitize=fuzzer` links; only called in fuzzing builds
// (Sources/RequestFuzzer, WIKIKIOSK_FUZZING), so ordinary builds never need the symbol.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
