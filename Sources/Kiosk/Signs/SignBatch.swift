import Foundation

/// Makes the files for many signs at once (a city prints 100 at a time): composes each sign,
/// renders them, writes the files, reports progress and sums up. Signs that can't be made
/// (article not found…) are skipped and listed; the others are still made.
public struct SignBatch: Sendable {
    public let composer: SignComposer
    public let renderer: SignRenderer
    /// PDF with one-sign-per-page paper: every sign in one document instead of one file each.
    public var oneFile = false

    /// What a batch did.
    public struct Summary: Sendable {
        public var files: [String] = []
        public var made: [String] = []
        public var skipped: [(id: String, line: Int, reason: String)] = []
        public var seconds: Double = 0
        public var bytes = 0
    }

    public init(composer: SignComposer, renderer: SignRenderer, oneFile: Bool = false) {
        self.composer = composer
        self.renderer = renderer
        self.oneFile = oneFile
    }

    /// Makes the files for `signs` in `folder` (created if needed). `progress(done, total, id)`
    /// is called after each sign.
    public func run(_ signs: [Sign], into folder: String,
                    progress: (Int, Int, String) -> Void = { _, _, _ in }) throws(SignError) -> Summary {
        let started = Date()
        var summary = Summary()
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SignError("the folder \(folder) can't be created: \(error.localizedDescription)")
        }
        let format = renderer.format
        let grouped = renderer.paper.signsPerPage > 1 || (oneFile && format == .pdf)
        var pending: [SignContent] = []
        for (index, sign) in signs.enumerated() {
            do {
                let content = try composer.compose(sign)
                if grouped {
                    pending.append(content)
                } else {
                    let pages = try renderer.render([content])
                    try write(pages, base: sign.id, folder: folder, summary: &summary)
                }
                summary.made.append(sign.id)
            } catch {
                summary.skipped.append((sign.id, sign.line, error.message))
            }
            progress(index + 1, signs.count, sign.id)
        }
        if grouped, !pending.isEmpty {
            let base = renderer.paper == .stickerSheet ? "stickers" : "signs-\(renderer.paper.rawValue)"
            try write(try renderer.render(pending), base: base, folder: folder, summary: &summary)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func write(_ pages: [[UInt8]], base: String, folder: String, summary: inout Summary) throws(SignError) {
        for (index, bytes) in pages.enumerated() {
            let name = pages.count == 1 ? "\(base).\(renderer.format.rawValue)" : "\(base)-\(index + 1).\(renderer.format.rawValue)"
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw SignError("\(path) can't be written")
            }
            summary.files.append(path)
            summary.bytes += bytes.count
        }
    }
}
