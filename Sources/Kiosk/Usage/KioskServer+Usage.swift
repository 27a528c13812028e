extension KioskServer {
    /// The usage log in the state folder; when statistics are off, or the database can't be
    /// opened, a recorder that keeps nothing (the kiosk then serves without statistics and says
    /// why in the log and on the staff dashboard).
    static func openUsageLog(_ configuration: KioskConfiguration, log: Log) -> any UsageRecording {
        guard configuration.usage.enabled else { return NoUsageRecording() }
        let path = configuration.stateDirectory + "/" + UsageSettings.databaseName
        do {
            return try UsageLog(path: path, settings: configuration.usage, log: log)
        } catch {
            log.error("usage statistics are off: \(error)")
            return NoUsageRecording(problem: "\(path): \(error.message)")
        }
    }
}
