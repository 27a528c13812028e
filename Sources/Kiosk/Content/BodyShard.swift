/// One shard of `CompressedBodyCache`: pages in a CLOCK (a FIFO whose pages read since they
/// last came round get a second chance), how often each key was asked for lately (a count-min
/// sketch of 4-bit counters, halved as it fills: TinyLFU), and the keys offered once (the
/// doorkeeper). Not thread-safe: the cache holds it in a `Mutex`.
///
/// The page a newcomer must beat is the oldest page *not read since it last came round*: with a
/// plain FIFO it was the oldest page, often the most popular one, and under a Zipf load that
/// page turned every newcomer away, freezing the cache with whatever filled it first.
struct BodyShard {
    private struct Entry {
        var body: [UInt8]
        /// Read since it came in or last came round the clock.
        var referenced = false
    }

    private(set) var bytes = 0
    private var bodies: [String: Entry] = [:]
    /// Keys in arrival order from `head`; a key no longer in `bodies` is skipped.
    private var order: [String] = []
    private var head = 0
    /// Hashes of keys offered once, forgotten all at once when full.
    private(set) var seen = Set<UInt>()
    private var sketch = [UInt8](repeating: 0, count: Self.sketchSize)
    private var counted = 0

    /// Keys remembered as "offered once" (~64 KB).
    static let seenLimit = 4096
    /// Counters of the frequency sketch (a power of two).
    static let sketchSize = 4096
    /// After this many requests, every counter is halved: old popularity fades.
    static let agingPeriod = 10 * sketchSize

    func contains(_ key: String) -> Bool { bodies[key] != nil }

    /// Lookups since start, and those answered (counted under the shard's lock: no shared counter
    /// on the request path).
    private(set) var lookups = 0
    private(set) var hits = 0

    mutating func body(for key: String, hash: UInt) -> [UInt8]? {
        count(hash)
        lookups += 1
        // One lookup of the key (the request path): marked and read through its index.
        guard let index = bodies.index(forKey: key) else { return nil }
        bodies.values[index].referenced = true
        hits += 1
        return bodies.values[index].body
    }

    /// Notes an offer; true the first time `hash` is offered (the body is then not kept).
    mutating func firstOffer(_ hash: UInt) -> Bool {
        count(hash)
        guard seen.insert(hash).inserted else { return false }
        if seen.count >= Self.seenLimit { seen.removeAll(keepingCapacity: true) }
        return true
    }

    /// Puts `body` in, pushing out the oldest pages to stay within `budget`. When `admitting`,
    /// a body that would push pages out comes in only if its key was asked for more often than
    /// the oldest page's; returns whether it came in.
    mutating func insert(_ body: [UInt8], for key: String, hash: UInt, budget: Int, admitting: Bool) -> Bool {
        if let previous = bodies[key] {
            bytes += body.count - previous.body.count
            bodies[key]?.body = body
            trim(to: budget, keeping: key)
            return true
        }
        if admitting, bytes + body.count > budget, let victim = oldest(),
           frequency(hash) <= frequency(CompressedBodyCache.hash(victim)) {
            return false
        }
        bodies[key] = Entry(body: body)
        order.append(key)
        bytes += body.count
        trim(to: budget, keeping: key)
        return true
    }

    /// Lets go of the oldest pages until at most `budget` bytes are held (`keeping`, the page
    /// just put in, goes to the back of the line once).
    mutating func trim(to budget: Int, keeping: String? = nil) {
        var requeued = false
        while bytes > budget, head < order.count {
            let key = order[head]
            head += 1
            if key == keeping, !requeued {
                order.append(key)
                requeued = true
                continue
            }
            guard let entry = bodies[key] else { continue }
            if entry.referenced {
                // Read since it last came round: a second chance, at the back of the line.
                bodies[key]?.referenced = false
                order.append(key)
                continue
            }
            bodies.removeValue(forKey: key)
            bytes -= entry.body.count
        }
        if head > 64 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    /// The oldest page still held that was not read since it last came round (pages read are
    /// given their second chance on the way: moved to the back, unmarked).
    private mutating func oldest() -> String? {
        while head < order.count {
            let key = order[head]
            guard let entry = bodies[key] else {
                head += 1
                continue
            }
            guard entry.referenced else { return key }
            bodies[key]?.referenced = false
            order.append(key)
            head += 1
        }
        return nil
    }

    private mutating func count(_ hash: UInt) {
        let (first, second) = Self.probes(hash)
        if sketch[first] < 15 { sketch[first] += 1 }
        if sketch[second] < 15 { sketch[second] += 1 }
        counted += 1
        if counted >= Self.agingPeriod {
            for index in sketch.indices { sketch[index] >>= 1 }
            counted = 0
        }
    }

    private func frequency(_ hash: UInt) -> UInt8 {
        let (first, second) = Self.probes(hash)
        return min(sketch[first], sketch[second])
    }

    /// Two counters per key, from other bits of its hash than the shard's.
    private static func probes(_ hash: UInt) -> (Int, Int) {
        (Int(truncatingIfNeeded: hash >> 3) & (sketchSize - 1), Int(truncatingIfNeeded: hash >> 29) & (sketchSize - 1))
    }
}
