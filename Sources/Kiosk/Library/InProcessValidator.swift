/// Runs `ArchiveCheck` in this process: for tests and tools that only see trusted files.
/// A corrupt file that trips a libzim assertion would abort the process: the server uses
/// `ChildProcessValidator`.
public struct InProcessValidator: ArchiveValidating {
    public init() {}

    public func problem(with path: String) -> String? {
        ArchiveCheck.problem(with: path, thorough: false)
    }

    public func thoroughProblem(with path: String) -> String? {
        ArchiveCheck.problem(with: path, depth: .thorough)
    }
}
