#ifndef CSODIUM_SHIM_H
#define CSODIUM_SHIM_H

/// libsodium, for the staff area: Argon2id password hashes (crypto_pwhash_str*), random
/// session ids (randombytes_buf) and the SHA-256 of downloaded books (crypto_hash_sha256_*).
/// The header imports as is; sizes and limits are read through libsodium's own functions
/// (crypto_pwhash_strbytes()…) because some of its macros are expressions Swift can't import.
#include <sodium.h>

#endif
