import Foundation
import Synchronization

/// Adds, replaces and removes books in the library folder for the staff area, without a shell.
///
/// A book from a USB stick is copied in the background, one at a time, to a hidden temporary
/// file in the books folder (same file system, so the last step is a rename), flushed, checked
/// for size, then put through every ZIM check with its checksum (`thoroughProblem`: in a child
/// process on the server), renamed into place and served at once. A cancelled copy, a failed
/// check or a stick pulled out leaves nothing behind but the message. A replacement copies and
/// checks the new edition first, serves it, and only then deletes the old one.
public final class BookShelf: Sendable {
    public let libraryDirectory: String
    public let drives: USBDrives
    let settings: LiveSettings
    let loader: BookLoader
    private let validator: any ArchiveValidating
    /// How the kiosk reaches the Internet for updates (nil: curl is not installed).
    let curl: CurlTool?
    /// The first pause before resuming a cut download (doubling after each attempt).
    let retryPause: TimeInterval
    /// The last search for newer editions (`BookShelf+Updates`).
    let updates = Mutex(UpdateCheck())
    private let freeSpace: @Sendable (String) -> UInt64?
    /// Tests slow copies down to this many bytes per second (nil: as fast as the stick goes).
    private let copyRateLimit: UInt64?
    private let jobs = Mutex<[ShelfJob]>([])
    private let nextID = Atomic<Int>(1)
    let queue = DispatchQueue(label: "wikikiosk.shelf", qos: .utility)
    /// Kept free in the books folder after a copy (statistics, logs, the system's own files).
    public static let reserve: UInt64 = 100_000_000
    /// Finished jobs shown on the Books page.
    static let keptFinished = 8
    /// Temporary copies are named `<prefix><id>-<file>.part`: hidden, so the folder watcher
    /// never loads one, and removed at start after a power cut.
    static let temporaryPrefix = ".wikikiosk-import-"

    public init(libraryDirectory: String, settings: LiveSettings, loader: BookLoader, validator: any ArchiveValidating,
                freeSpace: @escaping @Sendable (String) -> UInt64? = BookShelf.freeBytes, copyRateLimit: UInt64? = nil,
                curl: CurlTool? = CurlTool.find(), retryPause: TimeInterval = 1) {
        self.curl = curl
        self.retryPause = retryPause
        self.libraryDirectory = libraryDirectory
        self.settings = settings
        self.loader = loader
        self.validator = validator
        self.drives = USBDrives(validator: validator)
        self.freeSpace = freeSpace
        self.copyRateLimit = copyRateLimit
        removeLeftovers()
    }

    /// The folder sticks are mounted under (`[library] usb`).
    public var usbDirectory: String { settings.current.usbDirectory }

    /// The ZIM files on the sticks plugged in now.
    public func stickBooks() -> [StickBook] { drives.books(in: usbDirectory) }

    /// What was done and is being done, newest first.
    public var activity: [ShelfJob] { jobs.withLock { Array($0.reversed()) } }

    /// Bytes free in the books folder now.
    public var free: UInt64? { freeSpace(libraryDirectory) }

    /// Whether a file of `size` bytes fits in the books folder with the reserve left over,
    /// counting the copies still waiting or running.
    public func fits(_ size: UInt64) -> Bool {
        guard let free else { return true }
        let pending = jobs.withLock { $0.filter(\.isActive).reduce(UInt64(0)) { $0 + $1.remaining } }
        return size + pending + Self.reserve <= free
    }

    /// Whether the kiosk's user may write the books folder.
    public var isWritable: Bool { access(libraryDirectory, W_OK) == 0 }

    /// Queues the copy of the stick's file at `stickPath`; with `replacing`, the book of that
    /// name is deleted once the new one is served. Returns the job's id.
    @discardableResult
    public func add(stickPath: String, replacing name: String? = nil) throws(ShelfError) -> Int {
        guard isWritable else { throw .libraryReadOnly(folder: libraryDirectory) }
        guard let source = stickBooks().first(where: { $0.path == stickPath }) else { throw .notOnStick(path: stickPath) }
        if let problem = source.problem { throw .unusable(reason: problem) }
        let replaced = name.map { removable($0) } ?? nil
        if let name, replaced == nil { throw .notRemovable(book: name) }
        let target = libraryDirectory + "/" + source.fileName
        let busy = jobs.withLock { $0.contains { $0.isActive && $0.fileName == source.fileName } }
        if busy || (FileManager.default.fileExists(atPath: target) && replaced?.path != target) {
            throw .nameTaken(fileName: source.fileName)
        }
        guard fits(source.size) else {
            throw .doesNotFit(needed: source.size + Self.reserve, free: free ?? 0)
        }
        let kind: ShelfJob.Kind = replaced.map { .replace(path: $0.path, title: $0.title) } ?? .add
        loader.log.info("staff area: copying \(source.path) into \(libraryDirectory)"
                        + (replaced.map { " to replace \($0.path)" } ?? ""))
        return enqueue(title: source.title, fileName: source.fileName, size: source.size, kind: kind,
                       replacing: replaced) { temporary, progress throws(ShelfError) in
            try FileCopy.copy(from: source.path, to: temporary, size: source.size, progress: progress)
        }
    }

    /// Queues a job that fetches `fileName` (`size` bytes) with `fetch` into a temporary file
    /// (given its path and the progress callback, which returns false to cancel), then checks
    /// it (against `sha256` when known), installs it and deletes `replacing`.
    func enqueue(title: String, fileName: String, size: UInt64, kind: ShelfJob.Kind, replacing: Book?, sha256: String? = nil,
                 fetch: @escaping @Sendable (String, (UInt64) -> Bool) throws(ShelfError) -> Void) -> Int {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let job = ShelfJob(id: id, kind: kind, title: title, fileName: fileName, size: size, started: Date())
        jobs.withLock { jobs in
            jobs.append(job)
            let finished = jobs.filter { !$0.isActive }.count
            if finished > Self.keptFinished {
                let extra = Set(jobs.filter { !$0.isActive }.prefix(finished - Self.keptFinished).map(\.id))
                jobs.removeAll { extra.contains($0.id) }
            }
        }
        let target = libraryDirectory + "/" + fileName
        queue.async { self.run(id, size: size, target: target, replacing: replacing, sha256: sha256, fetch: fetch) }
        return id
    }

    /// Asks the job to stop; a waiting job never starts, a copy stops at its next chunk.
    public func cancel(_ id: Int) {
        jobs.withLock { jobs in
            guard let index = jobs.firstIndex(where: { $0.id == id }), jobs[index].isActive else { return }
            jobs[index].cancelRequested = true
        }
    }

    /// Deletes the book named `name` from the books folder and stops serving it.
    @discardableResult
    public func remove(bookNamed name: String) throws(ShelfError) -> ShelfJob {
        guard let book = removable(name) else { throw .notRemovable(book: name) }
        guard isWritable else { throw .libraryReadOnly(folder: libraryDirectory) }
        guard unlink(book.path) == 0 || errno == ENOENT else { throw .removeFailed(errno: errno) }
        loader.library.remove(path: book.path)
        loader.log.info("staff area: removed \(book.path) (\(book.fileSize) bytes freed)")
        let now = Date()
        var job = ShelfJob(id: nextID.add(1, ordering: .relaxed).oldValue, kind: .remove, title: book.title,
                           fileName: (book.path as NSString).lastPathComponent, size: book.fileSize, started: now)
        job.state = .done
        job.finished = now
        jobs.withLock { $0.append(job) }
        return job
    }

    /// The book named `name` when it is a file directly in the books folder (the staff area
    /// never deletes a file it was given elsewhere).
    public func removable(_ name: String) -> Book? {
        guard let book = loader.library.book(named: name) else { return nil }
        return (book.path as NSString).deletingLastPathComponent == libraryDirectory ? book : nil
    }

    /// Blocks until every queued job has ended (tests).
    public func waitUntilIdle() { queue.sync {} }

    // MARK: - The copy

    private func run(_ id: Int, size: UInt64, target: String, replacing old: Book?, sha256: String?,
                     fetch: (String, (UInt64) -> Bool) throws(ShelfError) -> Void) {
        let fileName = (target as NSString).lastPathComponent
        let temporary = libraryDirectory + "/" + Self.temporaryPrefix + "\(id)-" + fileName + ".part"
        let started = jobs.withLock { jobs -> Bool in
            guard let index = jobs.firstIndex(where: { $0.id == id }) else { return false }
            if jobs[index].cancelRequested {
                jobs[index].state = .failed(.cancelled)
                jobs[index].finished = Date()
                return false
            }
            jobs[index].state = .copying
            jobs[index].copyStarted = Date()
            return true
        }
        guard started else { return }
        do throws(ShelfError) {
            try fetch(temporary) { copied in
                throttle(copied, since: jobs.withLock { jobs in jobs.first { $0.id == id }?.copyStarted } ?? Date())
                return jobs.withLock { jobs in
                    guard let index = jobs.firstIndex(where: { $0.id == id }) else { return false }
                    jobs[index].copied = copied
                    if copied == size, !jobs[index].cancelRequested { jobs[index].state = .checking }
                    return !jobs[index].cancelRequested
                }
            }
            if let sha256, Sodium.sha256(file: temporary) != sha256 { throw .checksumMismatch }
            if let problem = validator.thoroughProblem(with: temporary) { throw .invalid(reason: problem) }
            if jobs.withLock({ jobs in jobs.first { $0.id == id }?.cancelRequested ?? true }) { throw .cancelled }
            let book = try install(temporary, at: target, replacing: old)
            jobs.withLock { jobs in
                guard let index = jobs.firstIndex(where: { $0.id == id }) else { return }
                jobs[index].state = .done
                jobs[index].bookName = loader.library.stableName(of: book)
                jobs[index].finished = Date()
            }
        } catch {
            unlink(temporary)
            loader.log.warning("staff area: \(fileName) was not added: \(error)")
            jobs.withLock { jobs in
                guard let index = jobs.firstIndex(where: { $0.id == id }) else { return }
                jobs[index].state = .failed(error)
                jobs[index].finished = Date()
            }
        }
    }

    /// Renames the checked copy into the books folder, serves it, then deletes the edition it replaces.
    private func install(_ temporary: String, at target: String, replacing old: Book?) throws(ShelfError) -> Book {
        if old?.path != target, FileManager.default.fileExists(atPath: target) {
            throw .nameTaken(fileName: (target as NSString).lastPathComponent)
        }
        guard rename(temporary, target) == 0 else { throw .writeFailed(errno: errno) }
        Self.syncFolder(libraryDirectory)
        guard let fingerprint = FileFingerprint.of(target) else { throw .writeFailed(errno: errno) }
        loader.cache.recordPass(target, fingerprint: fingerprint)
        guard let book = loader.load(target) else {
            let reason = loader.library.failure(atPath: target)?.reason ?? "?"
            unlink(target)
            loader.library.remove(path: target)
            throw .invalid(reason: reason)
        }
        loader.log.info("staff area: \(target) added and served as \(book.name)")
        if let old, old.path != target {
            unlink(old.path)
            loader.library.remove(path: old.path)
            loader.log.info("staff area: \(old.path) removed, replaced by \(target)")
        }
        return book
    }

    /// Sleeps while a rate-limited copy (tests) is ahead of its rate.
    private func throttle(_ copied: UInt64, since start: Date) {
        guard let copyRateLimit else { return }
        let ahead = Double(copied) / Double(copyRateLimit) - Date().timeIntervalSince(start)
        if ahead > 0 { Thread.sleep(forTimeInterval: ahead) }
    }

    /// Deletes temporary copies a power cut or a crash left behind.
    private func removeLeftovers() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: libraryDirectory)) ?? []
        for name in names where name.hasPrefix(Self.temporaryPrefix) {
            unlink(libraryDirectory + "/" + name)
            loader.log.warning("removed \(name) from \(libraryDirectory): a copy the kiosk did not finish (power cut?)")
        }
    }

    /// Makes a rename in `folder` durable (the folder's own entry written to the card).
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Bytes free for the kiosk's user in the file system holding `folder`.
    public static func freeBytes(_ folder: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }
}
