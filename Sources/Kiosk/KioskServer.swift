import Foundation
import HTTPServer
import ZimKit

/// A running kiosk: the library (and its watcher), the router and the HTTP daemon.
public final class KioskServer: Sendable {
    public let configuration: KioskConfiguration
    public let library: Library
    private let watcher: LibraryWatcher
    private let daemon: Daemon
    /// The usage statistics log (nil with `--no-stats`): `today()` gives the live counters.
    public let usageLog: UsageLog?
    /// The settings every request reads; `reload(configFolder:log:)` replaces them.
    public let liveSettings: LiveSettings
    /// Validates and opens files into `library` (used again by `reload`).
    let bookLoader: BookLoader
    /// Full-text search threads, stopped with the server.
    private let searchService: SearchService
    private let signDesk: SignDesk
    /// libmicrohttpd worker threads: `configuration.threads`, or one per usable core when 0.
    public let workerThreads: Int
    /// gzip copies of pages being read (`resizeCaches` changes its budget).
    public let compressedBodies: CompressedBodyCache
    /// Halves the caches when memory runs low while serving.
    let memoryGuard: MemoryGuard
    /// The serve log (what the caches did is said there at stop).
    private let log: Log

    /// Loads the books and starts serving. When no ZIM and no library folder is given, builds
    /// (once) and serves the bundled demo book.
    ///
    /// - Parameter validator: how files are checked before opening; the CLI passes a
    ///   `ChildProcessValidator` so a corrupt file can't take the server down.
    public init(configuration: KioskConfiguration, validator: any ArchiveValidating, log: Log) throws {
        self.configuration = configuration
        self.log = log
        try FileManager.default.createDirectory(atPath: configuration.stateDirectory,
                                                withIntermediateDirectories: true)
        let library = Library()
        self.library = library
        let cache = ValidationCache(file: configuration.stateDirectory + "/validated.json")
        let loader = BookLoader(library: library, validator: validator, cache: cache, log: log)
        self.bookLoader = loader

        var files = configuration.zimFiles.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if files.isEmpty && configuration.libraryDirectory == nil {
            files = [try DemoBook.ensureBuilt(in: configuration.stateDirectory, log: log)]
        }
        // A served file that shrinks must not take the process down (SIGBUS on libzim's mappings).
        if !FileFence.install() {
            log.warning("the SIGBUS fence could not be installed: a ZIM file changed while served may stop the server")
        }
        loader.load(files)
        let watcher = LibraryWatcher(directory: configuration.libraryDirectory, files: files,
                                     interval: configuration.watchInterval, loader: loader)
        watcher.loadInitialContents()
        watcher.start()
        self.watcher = watcher

        let usage = Self.openUsageLog(configuration, log: log)
        self.usageLog = usage as? UsageLog
        let liveSettings = LiveSettings(configuration.settings)
        self.liveSettings = liveSettings
        let signDesk = Self.signDesk(configuration, log: log)
        self.signDesk = signDesk
        let compressedBodies = CompressedBodyCache(budget: configuration.compressedCacheBytes,
                                                   spill: Self.spill(configuration, log: log))
        self.compressedBodies = compressedBodies
        memoryGuard = MemoryGuard(caches: compressedBodies, log: log)
        var searchSettings = configuration.search
        if searchSettings.indexDirectory == nil { searchSettings.indexDirectory = configuration.stateDirectory + "/indexes" }
        searchSettings.indexLog = log
        let context = KioskContext(
            library: library,
            compressedBodies: compressedBodies,
            strings: configuration.strings,
            log: log, usage: usage,
            settings: liveSettings,
            searchSettings: searchSettings,
            admin: Self.adminOptions(configuration, settings: liveSettings, loader: loader, validator: validator),
            signs: signDesk)
        var daemonConfiguration = Daemon.Configuration()
        daemonConfiguration.address = configuration.address
        daemonConfiguration.port = configuration.port
        workerThreads = configuration.threads > 0 ? configuration.threads : UsableCores.count
        daemonConfiguration.threads = workerThreads
        daemonConfiguration.connectionTimeout = configuration.connectionTimeout
        daemonConfiguration.connectionLimit = configuration.connectionLimit
        daemonConfiguration.perIPConnectionLimit = configuration.perIPConnectionLimit
        let searchService = SearchService(library: library, settings: searchSettings)
        self.searchService = searchService
        do {
            daemon = try Daemon(configuration: daemonConfiguration, handler: KioskRoutes.router(context, search: searchService))
        } catch {
            searchService.stop()
            signDesk.stop()
            watcher.stop()
            (usage as? UsageLog)?.close()
            throw error
        }
        memoryGuard.start()
    }

    /// The staff area's files, books shelf and system helper.
    private static func adminOptions(_ configuration: KioskConfiguration, settings: LiveSettings, loader: BookLoader,
                                     validator: any ArchiveValidating) -> AdminOptions {
        var options = AdminOptions(configFile: configuration.configFile, stateDirectory: configuration.stateDirectory,
                                   libraryDirectory: configuration.libraryDirectory, build: configuration.build,
                                   shelf: configuration.libraryDirectory.map {
                                       BookShelf(libraryDirectory: $0, settings: settings, loader: loader, validator: validator)
                                   })
        options.systemHelper = SystemHelperClient(socketPath: configuration.systemHelperSocket)
        return options
    }

    /// The gzip pages' second tier on disk, as the configuration says (nil when off or impossible).
    private static func spill(_ configuration: KioskConfiguration, log: Log) -> SpilledBodyStore? {
        let budget = configuration.spilledPageBytes
            ?? SpilledBodyStore.automaticBudget(freeBytes: BookShelf.freeBytes(configuration.stateDirectory) ?? 0)
        return SpilledBodyStore(directory: configuration.stateDirectory + "/gzip-pages", budget: budget, log: log)
    }

    /// Search threads alive now (they end when the server stops).
    var searchThreadCount: Int { searchService.threadCount }

    /// The port actually listened on (useful with port 0).
    public var port: UInt16 { daemon.port }

    /// Stops watching, lets in-flight responses finish, closes the socket, ends the search
    /// threads and closes the statistics.
    public func stop() {
        watcher.stop()
        memoryGuard.stop()
        daemon.stop()
        log.info(cacheSummary)
        searchService.stop()
        signDesk.stop()
        usageLog?.close()
    }
}
