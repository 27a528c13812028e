import Foundation

extension KioskServer {
    /// What `reload(configFolder:log:)` did.
    public struct ReloadSummary: Sendable {
        /// Where the settings now in force came from (a file, the last good copy, the defaults).
        public var settingsSource: String
        /// Problems found in the configuration files (also logged).
        public var problems: [ConfigProblem]
        /// Books loaded (new, changed, or that failed before and now pass).
        public var loaded: [String]
        /// Books dropped because their file is gone.
        public var removed: [String]
        /// Files that still can't be served (each logged with its reason).
        public var failed: [String]
    }

    /// Reloads the configuration and the library without a restart (`wikikiosk serve` does it
    /// on SIGHUP; `systemctl reload wikikiosk` sends it).
    ///
    /// - Settings (`wikikiosk.conf`) are read again and replace those in force for the requests
    ///   that follow. A file with mistakes never breaks the kiosk: its problems are logged and the
    ///   last good configuration is used (see `ConfigLoader`). The listening address and port,
    ///   the library folder, the worker threads and the translation files are read at start only:
    ///   changing them needs a restart (logged when they differ).
    /// - Books: new files in the library folder are served at once, removed ones dropped, changed
    ///   ones reloaded, and files that failed before are checked again. Requests in flight finish
    ///   with the book they started with.
    ///
    /// - Parameter configFolder: the configuration folder or file given at start (nil: the default).
    @discardableResult
    public func reload(configFolder: String?, log: Log) -> ReloadSummary {
        let loader = ConfigLoader(path: configFolder ?? ConfigLoader.defaultPath(),
                                  stateDirectory: configuration.stateDirectory)
        let loaded = loader.load()
        for problem in loaded.problems { log.error(problem.description) }
        let previous = liveSettings.current
        liveSettings.replace(with: loaded.settings)
        var restartNeeded: [String] = []
        if loaded.settings.listenAddress != previous.listenAddress || loaded.settings.port != previous.port {
            restartNeeded.append("address and port")
        }
        if loaded.settings.libraryDirectory != previous.libraryDirectory { restartNeeded.append("library folder") }
        if loaded.settings.languages != previous.languages { restartNeeded.append("languages") }
        log.info("reloaded settings from \(loaded.source)")
        if !restartNeeded.isEmpty {
            log.warning("changed \(restartNeeded.joined(separator: ", ")): restart the kiosk to apply")
        }

        let outcome = LibraryRescan(loader: bookLoader, directory: configuration.libraryDirectory,
                                    files: configuration.zimFiles.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
            .run()
        for path in outcome.removed { log.info("\(path) is gone: no longer serving it") }
        log.info("library rescanned: \(outcome.loaded.count) loaded, \(outcome.removed.count) removed, "
                 + "\(outcome.failed.count) failed, \(outcome.unchanged) unchanged; serving \(library.books.count) book(s)")
        return ReloadSummary(settingsSource: loaded.source, problems: loaded.problems,
                             loaded: outcome.loaded, removed: outcome.removed, failed: outcome.failed)
    }
}
