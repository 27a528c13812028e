import HTTPServer
@testable import Kiosk

extension Fixtures {
    /// A router (no sockets) serving the test book, written at `zim`, with `settings`.
    static func router(serving zim: String, settings: KioskSettings, live: LiveDevices = LiveDevices()) throws -> (Router, Library) {
        _ = try writeBook(at: zim)
        let library = Library()
        BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                   log: Log(minimumLevel: .error)).load(zim)
        let context = KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                   log: Log(minimumLevel: .error), settings: LiveSettings(settings), live: live)
        return (KioskRoutes.router(context), library)
    }
}
