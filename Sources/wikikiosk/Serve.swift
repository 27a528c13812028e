import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk serve`: the server.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve ZIM files over HTTP (the demo book when none is given).",
        discussion: """
            Examples:
              wikikiosk serve                          # the built-in demo, on http://localhost:8080
              wikikiosk serve --library /srv/zim       # every ZIM in a folder, watched for changes
              wikikiosk serve wikipedia_fr_all.zim     # given files
            """)

    @Option(help: "Address to listen on (0.0.0.0 = every interface, 127.0.0.1 = this machine only; default: the config's, else 0.0.0.0).")
    var address: String?

    @Option(help: "TCP port to listen on (default: the config's, else 8080).")
    var port: UInt16?

    @Option(help: ArgumentHelp(
        "Configuration folder (wikikiosk.conf and locales/) or settings file.",
        discussion: "Default: kiosk-config/ in a checkout, else /etc/wikikiosk. Options given here override it."))
    var config: String?

    @Option(help: "Worker threads (default: one per core this process may run on).")
    var threads: Int = 0

    @Option(help: "Folder of ZIM files; files copied in or removed are picked up within seconds.")
    var library: String?

    @Option(help: ArgumentHelp(
        "Folder where the kiosk writes (demo book, caches, statistics).",
        discussion: "Default: $WIKIKIOSK_STATE_DIR, else $XDG_STATE_HOME/wikikiosk, else ~/.local/state/wikikiosk."))
    var stateDir: String?

    @Option(help: "Memory for compressed copies of popular pages, in MiB (default: from the memory available, see the serve log).")
    var cacheMib: Int?

    @Option(help: "Memory for decompressed ZIM clusters, shared by all books, in MiB (default: from the memory available).")
    var clusterCacheMib: Int?

    @Option(help: ArgumentHelp(
        "Disk for gzip pages written once per run and read back instead of decompressed again, in MiB (0, or under 16: off).",
        discussion: "Default: 256 MiB, at most a twentieth of the state folder's free space; emptied at every start."))
    var diskCacheMib: Int?

    @Option(help: "Decompressed clusters libzim keeps per book for what it still reads itself (xz and uncompressed clusters, search snippets).")
    var clusterCache: Int = 8

    @Option(help: "Seconds a full-text search may take before the visitor gets what was found plus title matches.")
    var searchTimeBudget: Double = 2

    @Option(help: "Search results per page that show a passage of the article (each costs a decompression).")
    var searchSnippets: Int = 10

    @Option(help: "Connections open at once, in total.")
    var maxConnections: UInt32 = 512

    @Option(help: "Connections open at once from one address (0 = no limit; benchmarks from one machine need 0).")
    var maxConnectionsPerIp: UInt32 = 64

    @Flag(help: "Keep no usage statistics at all.")
    var noStats = false

    @Option(help: "Seconds between two writes of usage statistics to disk (batched).")
    var statsFlushSeconds: Double = 5

    @Flag(help: "Count searches but don't keep what was searched (no content-gap report).")
    var noQueryLog = false

    @Option(help: ArgumentHelp(
        "The QR sign catalogue (CSV) behind the short links /s/<id>.",
        discussion: "Default: signs.csv in the configuration folder (kiosk-config/signs.csv in a checkout); re-read when it changes."))
    var signs: String?

    @Flag(help: "Log every loaded book and more.")
    var verbose = false

    @Argument(help: "ZIM files to serve.")
    var zims: [String] = []

    func validate() throws {
        for zim in zims where !FileManager.default.fileExists(atPath: zim) {
            throw ValidationError("no such file: \(zim)")
        }
        if let library {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: library, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("the library folder does not exist: \(library)")
            }
        }
        guard threads >= 0, threads <= 256 else { throw ValidationError("--threads must be between 0 and 256") }
        guard statsFlushSeconds >= 0.05, statsFlushSeconds <= 3600 else {
            throw ValidationError("--stats-flush-seconds must be between 0.05 and 3600")
        }
    }

    func run() throws {
        let log = Log(minimumLevel: verbose ? .debug : .info)
        var configuration = KioskConfiguration()
        configuration.threads = threads
        configuration.zimFiles = zims
        let caches = CacheBudget.choose(limits: MemoryLimits.read(), compressedMiB: cacheMib, clusterMiB: clusterCacheMib)
        log.info(caches.summary)
        configuration.compressedCacheBytes = caches.compressedBodies
        configuration.search.timeBudget = max(0.1, searchTimeBudget)
        configuration.search.snippetsPerPage = max(0, searchSnippets)
        MemoryTuning.apply(clusterCache: clusterCache, clusterCacheBytes: caches.clusters)
        if let stateDir { configuration.stateDirectory = stateDir }
        configuration.applyConfigFolder(config, address: address, port: port, library: library, log: log)
        configuration.build = BuildStamp.current
        configuration.spilledPageBytes = diskCacheMib.map { max(0, $0) << 20 }
        configuration.usage.enabled = !noStats
        configuration.usage.flushInterval = statsFlushSeconds
        configuration.usage.logQueries = !noQueryLog
        let configFolder = ConfigLoader(path: config ?? ConfigLoader.defaultPath(), stateDirectory: nil).folder
        configuration.signCatalogFile = signs ?? (configFolder as NSString).appendingPathComponent("signs.csv")
        configuration.signTemplateFile = (configFolder as NSString).appendingPathComponent("sign-template.ini")

        configuration.connectionLimit = max(1, maxConnections)
        configuration.perIPConnectionLimit = maxConnectionsPerIp
        // Block the stop and reload signals before any thread starts, so every thread inherits
        // the mask and only the main thread, in sigwait, receives them.
        let stopSignals = SignalWaiter(signals: [SIGINT, SIGTERM, SIGHUP])
        let server: KioskServer
        do {
            server = try KioskServer(
                configuration: configuration,
                validator: ChildProcessValidator(executable: ChildProcessValidator.currentExecutable),
                log: log)
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
        let shown = configuration.address == "0.0.0.0" ? "localhost" : configuration.address
        log.info("serving \(server.library.books.count) book(s) on http://\(shown):\(server.port)/ with \(server.workerThreads) worker thread(s) (Ctrl-C stops)")
        var signal = stopSignals.wait()
        while signal == SIGHUP {
            log.info("received SIGHUP: reloading the configuration and the library")
            server.reload(configFolder: config, log: log)
            log.info(server.resizeCaches(compressedMiB: cacheMib, clusterMiB: clusterCacheMib).summary)
            signal = stopSignals.wait()
        }
        log.info("received signal \(signal): finishing responses in flight, then stopping")
        server.stop()
        log.info("stopped")
    }
}
