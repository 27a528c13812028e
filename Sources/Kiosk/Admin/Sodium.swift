import CSodium
import Foundation

/// The few libsodium calls the staff area needs: Argon2id password hashes and random bytes.
///
/// libsodium's functions are thread-safe once `sodium_init()` has returned (sodium.h); it is
/// called once, lazily, before the first use.
public enum Sodium {
    private static let initialized: Bool = sodium_init() >= 0

    /// `count` bytes from the system's secure random source.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        precondition(initialized, "libsodium could not be initialised")
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return bytes
    }

    /// A random 128-bit value as 32 lowercase hexadecimal digits (session ids, CSRF tokens).
    public static func randomToken() -> String {
        hex(randomBytes(16))
    }

    /// An Argon2id hash of `password` in libsodium's string form (`$argon2id$v=19$m=65536,t=2,p=1$…`),
    /// with libsodium's "interactive" limits (64 MiB, 2 passes): about a quarter of a second on a
    /// Raspberry Pi 4. Returns nil only when the memory can't be had.
    public static func hashPassword(_ password: String, opsLimit: Int? = nil, memLimit: Int? = nil) -> String? {
        precondition(initialized, "libsodium could not be initialised")
        let ops = opsLimit.map { UInt64($0) } ?? UInt64(crypto_pwhash_argon2id_opslimit_interactive())
        let mem = memLimit ?? crypto_pwhash_argon2id_memlimit_interactive()
        var out = [CChar](repeating: 0, count: crypto_pwhash_strbytes())
        let bytes = Array(password.utf8CString)  // NUL-terminated: never an empty buffer
        let status = bytes.withUnsafeBufferPointer { chars in
            crypto_pwhash_str_alg(&out, chars.baseAddress!, UInt64(chars.count - 1), ops, mem,
                                  crypto_pwhash_alg_argon2id13())
        }
        guard status == 0 else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `hash` (an Argon2id or Argon2i string from `hashPassword`).
    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        precondition(initialized, "libsodium could not be initialised")
        guard hash.utf8.count < crypto_pwhash_strbytes() else { return false }
        var stored = Array(hash.utf8CString)
        let bytes = Array(password.utf8CString)
        return bytes.withUnsafeBufferPointer { chars in
            crypto_pwhash_str_verify(&stored, chars.baseAddress!, UInt64(chars.count - 1)) == 0
        }
    }

    /// Compares two strings in time that depends only on their length (tokens, ids).
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The SHA-256 of a file's bytes, in lower-case hex (a download checked against its
    /// catalogue's metalink), read in 1 MiB chunks; nil when it can't be read.
    public static func sha256(file path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { return nil }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { bytes in
                _ = crypto_hash_sha256_update(&state, bytes.bindMemory(to: UInt8.self).baseAddress, UInt64(bytes.count))
            }
        }
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256_final(&state, &digest)
        return hex(digest)
    }
}
