import Foundation
import HTTPServer
@testable import Kiosk

/// A router over a library holding the standard test book, called without sockets.
final class TestKiosk {
    let directory: String
    let zimPath: String
    let library = Library()
    let router: Router
    let cache = CompressedBodyCache(budget: 4 << 20)

    let settings: LiveSettings

    init(fullText: Bool = true, settings: KioskSettings = KioskSettings(), strings: StringCatalog = StringCatalog()) throws {
        self.settings = LiveSettings(settings)
        directory = Fixtures.makeTemporaryDirectory()
        zimPath = try Fixtures.writeBook(at: directory + "/ville de test.zim", fullText: fullText)
        let loader = BookLoader(library: library, validator: InProcessValidator(),
                                cache: ValidationCache(file: nil), log: Log(minimumLevel: .error))
        loader.load(zimPath)
        router = KioskRoutes.router(KioskContext(library: library, compressedBodies: cache,
                                                 strings: strings, log: Log(minimumLevel: .error),
                                                 settings: self.settings))
    }

    deinit { Fixtures.cleanUp(directory) }

    func get(_ target: String, _ headers: [(String, String)] = [], method: HTTPMethod = .get) -> Response {
        router.handle(Request(method: method, target: target, headers: HTTPHeaders(headers)))
    }
}

extension Response {
    /// The body as a client would receive it (before any Content-Encoding is undone).
    var bodyBytes: [UInt8] {
        switch body {
        case .bytes(let bytes):
            return bytes
        case .borrowed(let pointer, let count, _):
            return Array(UnsafeRawBufferPointer(start: pointer, count: count))
        case .file(let path, let offset, let count):
            let handle = FileHandle(forReadingAtPath: path)!
            defer { try? handle.close() }
            try? handle.seek(toOffset: offset)
            return Array(handle.readData(ofLength: Int(count)))
        case .stream(let count, let chunkSize, let read):
            var out: [UInt8] = []
            while UInt64(out.count) < count, let chunk = read(UInt64(out.count), chunkSize), !chunk.isEmpty {
                out += chunk
            }
            return out
        }
    }

    var bodyText: String { String(decoding: bodyBytes, as: UTF8.self) }
}
