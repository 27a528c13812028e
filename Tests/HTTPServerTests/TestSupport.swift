#if canImport(Glibc)
@testable import HTTPTestSupport
import Glibc
#endif
import Synchronization
import HTTPServer

// Helpers shared by the integration tests.

/// One request on a fresh connection.
func fetch(_ port: UInt16, _ target: String, method: String = "GET", headers: [String] = [], body: [UInt8] = [])
    throws -> RawHTTPClient.Reply
{
    let client = try RawHTTPClient(port: port)
    var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
    for header in headers { head += header + "\r\n" }
    if !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
    try client.send(Array((head + "\r\n").utf8) + body)
    return try client.readResponse(bodyless: method == "HEAD")
}

/// A daemon on 127.0.0.1, port 0, with a small pool.
func startDaemon(
    timeout: UInt32 = 30, maxBodySize: Int = 1 << 20, memoryLimit: Int = 32 * 1024,
    grace: Duration = .seconds(10), _ handler: @escaping @Sendable (Request) -> Response
) throws -> Daemon {
    var configuration = Daemon.Configuration()
    configuration.address = "127.0.0.1"
    configuration.port = 0
    configuration.threads = 2
    configuration.connectionTimeout = timeout
    configuration.maxBodySize = maxBodySize
    configuration.connectionMemoryLimit = memoryLimit
    configuration.shutdownGracePeriod = grace
    return try Daemon(configuration: configuration, handler: ClosureHandler(handler))
}

/// Deterministic test content.
func pattern(_ index: UInt64) -> UInt8 {
    UInt8(truncatingIfNeeded: index &* 31 &+ (index >> 9))
}

/// Polls `condition` for up to two seconds.
func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<200 {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

func temporaryFile(_ bytes: [UInt8]) throws -> String {
    var template = Array("/tmp/httpserver-test-XXXXXX".utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else { throw RawHTTPClient.Failure(description: "mkstemp failed") }
    defer { close(descriptor) }
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw RawHTTPClient.Failure(description: "write failed") }
    return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A thread-safe counter for handlers (closures can't capture an `Atomic` directly).
final class Counter: Sendable {
    private let storage = Atomic<Int>(0)

    @discardableResult
    func increment() -> Int { storage.add(1, ordering: .relaxed).newValue }

    var value: Int { storage.load(ordering: .relaxed) }
}

/// Test-only owner of a malloc'ed buffer, like a libzim blob. `@unchecked Sendable`: the bytes
/// are written once in `init` and only read afterwards; the counter is atomic.
final class BlobOwner: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let count: Int
    private let released: Counter

    init(bytes: [UInt8], released: Counter) {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { storage.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        pointer = storage
        count = bytes.count
        self.released = released
    }

    deinit {
        pointer.deallocate()
        released.increment()
    }
}

/// A joinable POSIX thread running `body`.
final class BackgroundThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private var thread = pthread_t()

    init(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let created = pthread_create(&thread, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
        precondition(created == 0, "pthread_create failed")
    }

    func join() {
        pthread_join(thread, nil)
    }
}
