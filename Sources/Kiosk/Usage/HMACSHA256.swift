import CSodium

/// HMAC-SHA-256 (RFC 2104) from libsodium, for the keyed device numbers: a maintained,
/// constant-time implementation rather than one of our own.
enum HMACSHA256 {
    /// libsodium is thread-safe once `sodium_init()` has returned (sodium.h); a static `let`
    /// runs it exactly once.
    private static let ready: Bool = sodium_init() >= 0

    /// The 32-byte MAC of `message` under `key` (any key length).
    static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        precondition(ready, "libsodium could not initialise")
        var state = crypto_auth_hmacsha256_state()
        var out = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        _ = crypto_auth_hmacsha256_init(&state, key, key.count)
        _ = crypto_auth_hmacsha256_update(&state, message, UInt64(message.count))
        _ = crypto_auth_hmacsha256_final(&state, &out)
        return out
    }
}
