import Foundation

extension KioskServer {
    /// The usage log in the state folder; when statistics are off, or the database can't be
    /// opened, a recorder that keeps nothing (the kiosk then serves without statistics and says
    /// why in the log and on the staff dashboard).
    static func openUsageLog(_ configuration: KioskConfiguration, log: Log) -> any UsageRecording {
        guard configuration.usage.enabled else { return NoUsageRecording() }
        let path = configuration.stateDirectory + "/" + UsageSettings.databaseName
        do {
            return try UsageLog(path: path, settings: configuration.usage, log: log)
        } catch where error.cause == "damaged" {
            // Never deleted: kept beside it for recovery (sqlite3 .recover), and a new one started.
            let aside = path + ".damaged-" + Self.fileStamp()
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try? FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
            }
            log.error("usage statistics: \(path) is damaged (\(error.message)); kept as \(aside), a new database is started")
            do {
                let fresh = try UsageLog(path: path, settings: configuration.usage, log: log)
                fresh.setAside = aside
                return fresh
            } catch {
                log.error("usage statistics are off: \(error)")
                return NoUsageRecording(problem: "\(path): \(error.message)")
            }
        } catch {
            log.error("usage statistics are off: \(error)")
            return NoUsageRecording(problem: "\(path): \(error.message)")
        }
    }

    /// "20261203-071500" (UTC) for file names.
    static func fileStamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
