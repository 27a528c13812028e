import Foundation

extension KioskConfiguration {
    /// Reads the configuration folder (`path`, or the default one) and applies it; options given
    /// on the command line (`address`, `port`, `library`) win over the file. Problems are logged
    /// with file and line; a broken file never stops the kiosk (see `ConfigLoader`).
    public mutating func applyConfigFolder(_ path: String?, address: String?, port: UInt16?, library: String?, log: Log) {
        let loader = ConfigLoader(path: path ?? ConfigLoader.defaultPath(), stateDirectory: stateDirectory)
        let loaded = loader.load()
        for problem in loaded.problems { log.error(problem.description) }
        log.info("settings from \(loaded.source)")
        settings = loaded.settings
        configFile = loader.file
        strings = loaded.strings
        self.address = address ?? loaded.settings.listenAddress
        self.port = port ?? loaded.settings.port
        if let library {
            libraryDirectory = URL(fileURLWithPath: library).standardizedFileURL.path
        } else if let configured = loaded.settings.libraryDirectory, zimFiles.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: configured, isDirectory: &isDirectory), isDirectory.boolValue {
                libraryDirectory = configured
            } else {
                log.error("the library folder \(configured) (from \(loader.file)) does not exist: serving the demo book instead")
            }
        }
    }
}
