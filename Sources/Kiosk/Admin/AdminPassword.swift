import Foundation

/// The staff password, stored as an Argon2id hash (never the password) in `admin-password`
/// next to `wikikiosk.conf` (`/etc/wikikiosk/admin-password` on an installed kiosk), one line.
///
/// Kept out of `wikikiosk.conf` on purpose: that file is shown, copied and pasted when people
/// ask for help, and the settings page rewrites it. The file is read at each login, so
/// `wikikiosk admin set-password` takes effect at once, without a restart.
public struct AdminPassword: Sendable {
    /// The file's name in the configuration folder.
    public static let fileName = "admin-password"
    /// Shortest password accepted.
    public static let minimumLength = 8
    /// Longest password accepted (bytes are hashed; anything longer is surely a paste mistake).
    public static let maximumLength = 256

    /// The file holding the hash.
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// The password file for a configuration folder or settings file (as `--config` takes it).
    public init(configPath: String) {
        self.init(file: (ConfigLoader(path: configPath, stateDirectory: nil).folder as NSString)
            .appendingPathComponent(Self.fileName))
    }

    /// The stored hash, or nil when no password was set (no file, or an empty one).
    public var storedHash: String? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.hasPrefix("$argon2") ? text : nil
    }

    /// Whether a password was set.
    public var isSet: Bool { storedHash != nil }

    /// A problem with `password` as a new password, in plain words, or nil when it is fine.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "the password must have at least \(minimumLength) characters" }
        if password.utf8.count > maximumLength { return "the password is too long (\(maximumLength) bytes at most)" }
        if password.contains(where: { $0.isNewline }) { return "the password can't contain a line break" }
        return nil
    }

    /// Hashes `password` (Argon2id) and stores the hash, readable by the kiosk only (mode 0640;
    /// as root, owned like `wikikiosk.conf` so the service's group can read it).
    public func set(_ password: String) throws {
        if let problem = Self.problem(with: password) { throw AtomicFile.WriteError(path: file, message: problem) }
        guard let hash = Sodium.hashPassword(password) else {
            throw AtomicFile.WriteError(path: file, message: "the password could not be hashed (out of memory?)")
        }
        try AtomicFile.write(Array((hash + "\n").utf8), to: file, keepBackup: false, permissions: 0o640)
        let conf = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(ConfigLoader.fileName)
        var owner = stat()
        if getuid() == 0, stat(conf, &owner) == 0 { _ = chown(file, owner.st_uid, owner.st_gid) }
    }

    /// Whether `password` is the stored one (false when none is stored). Takes a quarter of a
    /// second on purpose (Argon2id).
    public func verify(_ password: String) -> Bool {
        guard let hash = storedHash, password.utf8.count <= Self.maximumLength else { return false }
        return Sodium.verifyPassword(password, hash: hash)
    }
}
