extension KioskServer {
    /// The usage log in the state folder, or nil when statistics are off or the database
    /// can't be opened (the kiosk then serves without statistics and says why in the log).
    static func openUsageLog(_ configuration: KioskConfiguration, log: Log) -> UsageLog? {
        guard configuration.usage.enabled else { return nil }
        let path = configuration.stateDirectory + "/" + UsageSettings.databaseName
        do {
            return try UsageLog(path: path, settings: configuration.usage, log: log)
        } catch {
            log.error("usage statistics are off: \(error)")
            return nil
        }
    }
}
