import Foundation
import Synchronization

/// Remembers which files passed validation (by path, size and modification time) in the
/// state folder, so a restart with many ZIMs doesn't check them all again.
public final class ValidationCache: Sendable {
    private let file: String?
    private let passed: Mutex<[String: FileFingerprint]>

    /// - Parameter file: where to keep the list; nil keeps it in memory only.
    public init(file: String?) {
        self.file = file
        var loaded: [String: FileFingerprint] = [:]
        if let file, let data = FileManager.default.contents(atPath: file) {
            loaded = (try? JSONDecoder().decode([String: FileFingerprint].self, from: data)) ?? [:]
        }
        passed = Mutex(loaded)
    }

    /// True when `path` passed before and hasn't changed since.
    public func hasPassed(_ path: String, fingerprint: FileFingerprint) -> Bool {
        passed.withLock { $0[path] == fingerprint }
    }

    /// Records a pass and saves the list (atomically: write then rename).
    public func recordPass(_ path: String, fingerprint: FileFingerprint) {
        recordPasses([(path, fingerprint)])
    }

    /// Records several passes and saves the list once (a library's first start checks many files).
    public func recordPasses(_ passes: [(path: String, fingerprint: FileFingerprint)]) {
        guard !passes.isEmpty else { return }
        let snapshot = passed.withLock { state -> [String: FileFingerprint] in
            for pass in passes { state[pass.path] = pass.fingerprint }
            return state
        }
        guard let file, let data = try? JSONEncoder().encode(snapshot) else { return }
        try? data.write(to: URL(fileURLWithPath: file), options: .atomic)
    }
}
