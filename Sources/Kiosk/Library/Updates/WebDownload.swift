import Foundation
import Synchronization

/// Downloads a new edition into the books folder's temporary file with curl, resuming after a
/// cut (a flaky office connection): each attempt continues from the bytes already there, up to
/// `attempts` times with growing pauses; progress is the file's size, polled.
enum WebDownload {
    static func fetch(_ edition: RemoteEdition, to temporary: String, curl: CurlTool, attempts: Int = 6,
                      pause: TimeInterval = 1, progress: (UInt64) -> Bool) throws(ShelfError) {
        var lastReason = "no answer"
        for attempt in 0..<attempts {
            let have = FileFingerprint.of(temporary)?.size ?? 0
            if have == edition.size { return }
            if have > edition.size {
                unlink(temporary)
                throw .sizeMismatch(expected: edition.size, actual: have)
            }
            if attempt > 0 { Thread.sleep(forTimeInterval: pause * Double(1 << min(attempt - 1, 5))) }
            let errors = Pipe()
            let process = try curl.startDownload(edition.url, to: temporary, errors: errors)
            // Read curl's messages while it runs (a full pipe would block it).
            let messages = Mutex<Data>(Data())
            errors.fileHandleForReading.readabilityHandler = { handle in
                let chunk = handle.availableData
                messages.withLock { $0.append(chunk) }
            }
            while process.isRunning {
                Thread.sleep(forTimeInterval: 0.2)
                let received = FileFingerprint.of(temporary)?.size ?? 0
                // More bytes than the catalogue announced: not the file it described.
                let tooBig = received > edition.size
                if tooBig || !progress(received) {
                    process.terminate()
                    process.waitUntilExit()
                    errors.fileHandleForReading.readabilityHandler = nil
                    if tooBig {
                        unlink(temporary)
                        throw .sizeMismatch(expected: edition.size, actual: received)
                    }
                    throw .cancelled
                }
            }
            process.waitUntilExit()
            errors.fileHandleForReading.readabilityHandler = nil
            lastReason = CurlTool.reason(messages.withLock { $0 })
            guard progress(FileFingerprint.of(temporary)?.size ?? 0) else { throw .cancelled }
        }
        if FileFingerprint.of(temporary)?.size == edition.size { return }
        throw .downloadFailed(reason: lastReason)
    }
}
