/// Decides whether a ZIM file is safe to open in the server process.
///
/// Some corrupt files trip libzim's internal assertions (an abort, not an exception), so the
/// server's validator runs the checks in a child process: see `ChildProcessValidator`.
public protocol ArchiveValidating: Sendable {
    /// nil when the file can be served, else the reason in plain words.
    func problem(with path: String) -> String?

    /// The same for several files at once, in order: a validator may check them in one go
    /// (one child process for a whole library instead of one per file).
    func problems(with paths: [String]) -> [String?]
}

extension ArchiveValidating {
    public func problems(with paths: [String]) -> [String?] {
        paths.map { problem(with: $0) }
    }
}
