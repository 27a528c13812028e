import Foundation
import Synchronization
import CMalloc

/// The server's side of the signs: the catalogue (re-read when its file changes, so staff can
/// edit it without a restart), the look template, and a bounded cache of rendered signs.
///
/// Renders one sign at a time on its own low-priority thread with a short queue (a Pi has little
/// memory and CPU to spare, and a render takes ~0.3 s): visitors' pages never wait behind a
/// render, and a client asking for many variants gets "busy" rather than a growing backlog.
/// Cached files are kept up to `cacheBytes` in memory, the oldest dropped first.
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
    /// The one rendering thread; `queueLimit` renders may wait for it.
    private let renderer: WorkerThreads

    /// No catalogue: every short link is unknown.
    public convenience init() {
        self.init(catalogFile: nil, template: SignTemplate(), log: Log(minimumLevel: .error))
    }

    public init(catalogFile: String?, template: SignTemplate, log: Log, cacheBytes: Int = 8 << 20,
                recheckInterval: TimeInterval = 2, queueLimit: Int = 2) {
        renderer = WorkerThreads(name: "sign-render", count: 1, queueLimit: queueLimit, niceness: 5, idleSeconds: 30)
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

    /// The file for `key`: from the cache at once, else made by `make` on the rendering thread
    /// and given to `completion` there. False (nothing called) when the thread is busy and its
    /// queue full: the caller answers 503.
    func file(_ key: String, make: @escaping @Sendable () throws(SignError) -> [UInt8],
              completion: @escaping @Sendable (Result<[UInt8], SignError>) -> Void) -> Bool {
        let versioned = "\(state.withLock { $0.version })|\(key)"
        if let hit = state.withLock({ $0.cache[versioned] }) {
            completion(.success(hit))
            return true
        }
        return renderer.submit { [self] in
            if let hit = state.withLock({ $0.cache[versioned] }) { return completion(.success(hit)) }
            let result = Result { () throws(SignError) -> [UInt8] in try make() }
            if case .success(let bytes) = result { store(bytes, as: versioned) }
            // cairo, pango and the PNG/PDF encoders free tens of MB per render into glibc's
            // heap, which keeps it; give it back (a few ms per render, renders are rare).
            malloc_trim(0)
            completion(result)
        }
    }

    private func store(_ bytes: [UInt8], as key: String) {
        guard bytes.count <= cacheBytes / 4 else { return }
        state.withLock { state in
            guard state.cache[key] == nil else { return }
            state.cache[key] = bytes
            state.order.append(key)
            state.bytes += bytes.count
            while state.bytes > cacheBytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.cache.removeValue(forKey: oldest)?.count ?? 0
            }
        }
    }

    /// Ends the rendering thread (the server's stop).
    public func stop() { renderer.stop() }

    /// Number of files and bytes in the cache.
    public var cacheUsage: (files: Int, bytes: Int) {
        state.withLock { ($0.cache.count, $0.bytes) }
    }
}
