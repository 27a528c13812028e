import Foundation
import Synchronization

/// The server's side of the signs: the catalogue (re-read when its file changes, so staff can
/// edit it without a restart), the look template, and a bounded cache of rendered signs.
///
/// Renders one sign at a time (a Pi has little memory and CPU to spare); cached files are kept
/// up to `cacheBytes` in memory, the oldest dropped first.
public final class SignDesk: Sendable {
    /// The catalogue file, or nil for none.
    public let catalogFile: String?
    public let template: SignTemplate
    private let log: Log
    private let cacheBytes: Int
    /// How long a catalogue is trusted before the file's date is looked at again.
    private let recheckInterval: TimeInterval

    private struct State {
        var catalog = SignCatalog.empty
        var modified: Date?
        var checked = Date.distantPast
        var version = 0
        var cache: [String: [UInt8]] = [:]
        var order: [String] = []
        var bytes = 0
    }

    private let state = Mutex(State())
    private let renderLock = Mutex(())

    /// No catalogue: every short link is unknown.
    public convenience init() {
        self.init(catalogFile: nil, template: SignTemplate(), log: Log(minimumLevel: .error))
    }

    public init(catalogFile: String?, template: SignTemplate, log: Log, cacheBytes: Int = 8 << 20,
                recheckInterval: TimeInterval = 2) {
        self.catalogFile = catalogFile
        self.template = template
        self.log = log
        self.cacheBytes = cacheBytes
        self.recheckInterval = recheckInterval
    }

    /// A desk over a catalogue already parsed (tests, the staff pages' previews).
    public convenience init(catalog: SignCatalog, template: SignTemplate = SignTemplate()) {
        self.init(catalogFile: nil, template: template, log: Log(minimumLevel: .error))
        state.withLock { $0.catalog = catalog }
    }

    /// The catalogue in force (re-read if its file changed; problems are logged once per change).
    public var catalog: SignCatalog {
        guard let catalogFile else { return state.withLock { $0.catalog } }
        let now = Date()
        let due = state.withLock { state -> Bool in
            guard now.timeIntervalSince(state.checked) >= recheckInterval else { return false }
            state.checked = now
            return true
        }
        if due {
            let modified = (try? FileManager.default.attributesOfItem(atPath: catalogFile))?[.modificationDate] as? Date
            if modified != state.withLock({ $0.modified }) {
                let loaded = modified == nil ? SignCatalog.empty : SignCatalog.load(file: catalogFile)
                for problem in loaded.problems { log.error(problem.description) }
                if modified != nil { log.info("\(loaded.signs.count) sign(s) from \(catalogFile)") }
                state.withLock { state in
                    state.catalog = loaded
                    state.modified = modified
                    state.version += 1
                    state.cache.removeAll()
                    state.order.removeAll()
                    state.bytes = 0
                }
            }
        }
        return state.withLock { $0.catalog }
    }

    /// The file for `key`, made by `make` when not cached; `make` runs alone (one render at a time).
    func cached(_ key: String, make: () throws(SignError) -> [UInt8]) throws(SignError) -> [UInt8] {
        let versioned = "\(state.withLock { $0.version })|\(key)"
        if let hit = state.withLock({ $0.cache[versioned] }) { return hit }
        let bytes = try renderLock.withLock { _ throws(SignError) -> [UInt8] in
            if let hit = state.withLock({ $0.cache[versioned] }) { return hit }
            return try make()
        }
        guard bytes.count <= cacheBytes / 4 else { return bytes }
        state.withLock { state in
            guard state.cache[versioned] == nil else { return }
            state.cache[versioned] = bytes
            state.order.append(versioned)
            state.bytes += bytes.count
            while state.bytes > cacheBytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.cache.removeValue(forKey: oldest)?.count ?? 0
            }
        }
        return bytes
    }

    /// Number of files and bytes in the cache.
    public var cacheUsage: (files: Int, bytes: Int) {
        state.withLock { ($0.cache.count, $0.bytes) }
    }
}
