import Foundation

/// One thing done to the books from the staff area: a copy from a stick (adding or replacing a
/// book) or a removal, as the Books page shows it while it runs and after.
public struct ShelfJob: Sendable, Identifiable {
    public enum Kind: Sendable, Equatable {
        case add
        /// Replaces the book loaded from `path` (titled `title`) once the new one is in.
        case replace(path: String, title: String)
        case remove
    }

    public enum State: Sendable, Equatable {
        case waiting
        case copying
        /// The copy is complete; the ZIM's checksum and structure are being checked.
        case checking
        case done
        case failed(ShelfError)
    }

    public let id: Int
    public let kind: Kind
    public let title: String
    public let fileName: String
    /// Bytes to copy (for a removal: bytes freed).
    public let size: UInt64
    public internal(set) var state: State = .waiting
    public internal(set) var copied: UInt64 = 0
    public let started: Date
    /// When the copy began (speed is measured from there), and when the job ended.
    public internal(set) var copyStarted: Date?
    public internal(set) var finished: Date?
    /// The name the new book is served under, once it is.
    public internal(set) var bookName: String?
    /// Set by "Annuler"; the copy stops at its next chunk.
    public internal(set) var cancelRequested = false

    /// Still waiting, copying or checking.
    public var isActive: Bool {
        switch state {
        case .waiting, .copying, .checking: true
        case .done, .failed: false
        }
    }

    /// Bytes still to copy (never negative, whatever a download reported).
    public var remaining: UInt64 { size - min(copied, size) }

    /// Average speed of the copy so far, bytes per second (nil before a second has passed).
    public func bytesPerSecond(now: Date = Date()) -> Double? {
        guard let copyStarted else { return nil }
        let elapsed = (finished ?? now).timeIntervalSince(copyStarted)
        return elapsed >= 1 ? Double(copied) / elapsed : nil
    }

    /// Seconds left at the speed so far.
    public func secondsLeft(now: Date = Date()) -> Int? {
        guard state == .copying, let speed = bytesPerSecond(now: now), speed > 0 else { return nil }
        return Int((Double(remaining) / speed).rounded(.up))
    }
}
