import Foundation

/// The ordinary build's `main` (without libFuzzer): runs the inputs given as arguments (files,
/// or folders of files such as `Tests/FuzzCorpus/requests`) through the same `FuzzHarness`,
/// prints what is wrong with each answer (`-v`: every status), and exits 1 if anything was.
enum Replay {
    static func run() -> Never {
        let arguments = CommandLine.arguments.dropFirst()
        // -v: print each input's status ("---": refused by libmicrohttpd itself).
        let verbose = arguments.first == "-v"
        let files = arguments.drop { $0 == "-v" }.flatMap(inputs(at:))
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("usage: RequestFuzzer [-v] FILE|FOLDER…  (replays fuzz inputs)\n".utf8))
            exit(2)
        }
        var failed = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FuzzReport.write(["can't read the file"], input: [], source: file)
                failed += 1
                continue
            }
            let outcome = FuzzHarness.shared.run(Array(data))
            if verbose { print("\(outcome.status.map(String.init) ?? "---") \(file)") }
            if !outcome.problems.isEmpty {
                FuzzReport.write(outcome.problems, input: Array(data), source: file)
                failed += 1
            }
        }
        print("\(files.count - failed) of \(files.count) inputs answered correctly")
        exit(failed == 0 ? 0 : 1)
    }

    /// A file, or the files of a folder (sorted, hidden ones skipped).
    private static func inputs(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }
}
