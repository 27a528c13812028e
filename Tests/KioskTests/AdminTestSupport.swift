import Foundation
import HTTPServer
import Synchronization
@testable import Kiosk

/// A monotonic clock the admin tests move by hand.
final class AdminClock: Sendable {
    private let now = Mutex(1000.0)
    var read: @Sendable () -> Double { { [self] in now.withLock { $0 } } }
    func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
}

/// A kiosk with a configuration folder (a copy of kiosk-config/), optionally a staff password,
/// and a router called without sockets.
final class AdminKiosk {
    static let password = "correct horse battery"
    let folder: String
    let configFile: String
    let library = Library()
    let settings: LiveSettings
    let clock = AdminClock()
    let sessions: AdminSessions
    let throttle: LoginThrottle
    let router: Router
    let usageLog: UsageLog?
    let options: AdminOptions

    /// The books folder (`folder/library`) and USB folder (`folder/usb`) when made with a shelf.
    var libraryFolder: String { folder + "/library" }
    var usbFolder: String { folder + "/usb" }

    /// - Parameter shelf: serve `ville.zim` from a books folder the staff area can change, with
    ///   this free space reported (nil: the real one) and copies slowed to `rate` bytes/s.
    init(withPassword: Bool = true, networks: [String] = [], stats: Bool = false, checksPerMinute: Int = 20,
         build: BuildInfo = .unknown, shelf: (free: UInt64?, rate: UInt64?)? = nil,
         helperSocket: String? = nil, systemClock: (any UsageClock)? = nil, pagesOnDiskOnly: Bool = false) throws {
        folder = Fixtures.makeTemporaryDirectory()
        let config = folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/locales", withIntermediateDirectories: true)
        configFile = config + "/wikikiosk.conf"
        var text = try String(contentsOfFile: ConfigTests.checkoutConfig + "/wikikiosk.conf", encoding: .utf8)
        if !networks.isEmpty { text += "\n[admin]\nnetworks = \(networks.joined(separator: ", "))\n" }
        try text.write(toFile: configFile, atomically: true, encoding: .utf8)
        for language in ["fr", "en"] {
            try FileManager.default.copyItem(atPath: ConfigTests.checkoutConfig + "/locales/\(language).ini",
                                             toPath: config + "/locales/\(language).ini")
        }
        let loaded = ConfigLoader(path: config, stateDirectory: nil).load()
        precondition(loaded.problems.isEmpty, "\(loaded.problems)")
        var kioskSettings = loaded.settings
        kioskSettings.usbDirectory = folder + "/usb"
        settings = LiveSettings(kioskSettings)
        let loader = BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                                log: Log(minimumLevel: .error) { _ in })
        var bookShelf: BookShelf?
        if let shelf {
            try FileManager.default.createDirectory(atPath: folder + "/library", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/usb", withIntermediateDirectories: true)
            loader.load(try Fixtures.writeBook(at: folder + "/library/ville.zim"))
            let free = shelf.free
            bookShelf = BookShelf(libraryDirectory: folder + "/library", settings: settings, loader: loader,
                                  validator: InProcessValidator(),
                                  freeSpace: { free ?? BookShelf.freeBytes($0) }, copyRateLimit: shelf.rate)
        } else {
            loader.load(try Fixtures.writeBook(at: folder + "/ville.zim"))
        }
        sessions = AdminSessions(idleTimeout: 600, lifetime: 3600, clock: clock.read)
        throttle = LoginThrottle(freeAttempts: 5, firstDelay: 30, maximumDelay: 900, checksPerMinute: checksPerMinute,
                                 clock: clock.read)
        var options = AdminOptions(configFile: configFile, stateDirectory: folder + "/state", build: build,
                                   sessions: sessions, throttle: throttle, shelf: bookShelf)
        options.systemHelper = SystemHelperClient(socketPath: helperSocket ?? folder + "/no-helper.sock", timeout: 5)
        if let systemClock { options.clock = systemClock }
        options.systemActionDelay = 0.05
        self.options = options
        if withPassword { try AdminPassword(file: options.passwordFile!).set(Self.password) }
        if stats {
            try FileManager.default.createDirectory(atPath: folder + "/state", withIntermediateDirectories: true)
            usageLog = try UsageLog(path: folder + "/state/usage.sqlite", settings: UsageFixtures.settings(flush: 60))
        } else {
            usageLog = nil
        }
        // Pages on disk only: no memory for gzip pages, so a page asked for again comes from disk.
        let pages = pagesOnDiskOnly
            ? CompressedBodyCache(budget: 0, spill: SpilledBodyStore(directory: folder + "/state/gzip-pages", budget: 16 << 20,
                                                                     log: Log(minimumLevel: .error) { _ in }))
            : CompressedBodyCache(budget: 1 << 20)
        let context = KioskContext(library: library, compressedBodies: pages,
                                   strings: loaded.strings, log: Log(minimumLevel: .error) { _ in },
                                   usage: usageLog ?? NoUsageRecording(), settings: settings, admin: options)
        router = KioskRoutes.router(context)
    }

    deinit {
        usageLog?.close()
        Fixtures.cleanUp(folder)
    }

    func request(_ method: HTTPMethod, _ target: String, cookie: String? = nil, form: [(String, String)]? = nil,
                 headers: [(String, String)] = [], address: String = "192.168.1.20") -> Response {
        var all = headers
        if let cookie { all.append(("Cookie", "\(AdminResponse.cookieName)=\(cookie)")) }
        var body: [UInt8] = []
        if let form {
            all.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(form.map { "\(URLPath.encodeQueryValue($0.0))=\(URLPath.encodeQueryValue($0.1))" }
                .joined(separator: "&").utf8)
        }
        return router.handle(Request(method: method, target: target, headers: HTTPHeaders(all), body: body,
                                     remoteAddress: address))
    }

    /// Signs in; returns the session id and its CSRF token.
    func login(address: String = "192.168.1.20") throws -> (id: String, csrf: String) {
        let response = request(.post, "/admin/login", form: [("password", Self.password)], address: address)
        guard response.status == 303, let cookie = response.headers["Set-Cookie"],
              let id = cookie.split(separator: ";").first?.split(separator: "=").last.map(String.init),
              let session = sessions.session(id: id) else {
            throw AdminTestError("login failed: \(response.status) \(response.bodyText.prefix(300))")
        }
        return (id, session.csrf)
    }
}

struct AdminTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
