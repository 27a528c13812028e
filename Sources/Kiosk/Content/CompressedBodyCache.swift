import Synchronization

/// gzip bodies of recently served pages, so a room reading the same articles doesn't pay
/// for compression on every request.
///
/// Two generations: entries go into `young`; when `young` holds half the budget it becomes
/// `old` and the previous `old` is dropped. A hit in `old` is moved back to `young`. This is
/// close to LRU at a fraction of the bookkeeping, and memory never exceeds `budget` bytes.
public final class CompressedBodyCache: Sendable {
    private struct Generations {
        var young: [String: [UInt8]] = [:]
        var old: [String: [UInt8]] = [:]
        var youngBytes = 0
    }

    /// Maximum bytes of compressed bodies kept.
    public let budget: Int
    private let state = Mutex(Generations())

    public init(budget: Int) {
        self.budget = budget
    }

    /// The cached body for `key`, if any.
    public func body(for key: String) -> [UInt8]? {
        guard budget > 0 else { return nil }
        return state.withLock { state in
            if let body = state.young[key] { return body }
            guard let body = state.old.removeValue(forKey: key) else { return nil }
            Self.insert(body, for: key, into: &state, budget: budget)
            return body
        }
    }

    /// Keeps `body` for `key` (bodies over 1/8 of the budget are not kept).
    public func store(_ body: [UInt8], for key: String) {
        guard budget > 0, body.count <= budget / 8 else { return }
        state.withLock { Self.insert(body, for: key, into: &$0, budget: budget) }
    }

    /// Bytes currently held.
    public var byteCount: Int {
        state.withLock { state in state.youngBytes + state.old.values.reduce(0) { $0 + $1.count } }
    }

    private static func insert(_ body: [UInt8], for key: String, into state: inout Generations, budget: Int) {
        if state.young.updateValue(body, forKey: key) == nil { state.youngBytes += body.count }
        if state.youngBytes >= budget / 2 {
            state.old = state.young
            state.young = [:]
            state.youngBytes = 0
        }
    }
}
