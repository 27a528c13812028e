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

    /// The checks that are cheap on a file with millions of entries (see `ArchiveCheck.Depth.quick`):
    /// enough to open and serve it while `problems(with:)` runs in the background.
    func quickProblems(with paths: [String]) -> [String?]

    /// Every check, the whole file's checksum included (`ArchiveCheck.Depth.thorough`): what a
    /// copy is put through before it joins the library (minutes per gigabyte on a Pi).
    func thoroughProblem(with path: String) -> String?
}

extension ArchiveValidating {
    public func problems(with paths: [String]) -> [String?] {
        paths.map { problem(with: $0) }
    }

    /// By default the full checks: a validator without a cheaper mode checks everything up front.
    public func quickProblems(with paths: [String]) -> [String?] {
        problems(with: paths)
    }

    /// By default the validator's own checks.
    public func thoroughProblem(with path: String) -> String? {
        problem(with: path)
    }
}
