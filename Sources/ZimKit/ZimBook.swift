import Foundation

/// A ZIM file described as values — metadata, entries, main page — and written in one call
/// with `ZimWriter`. The one way WikiKiosk writes small books: the demo book, the fuzzer's
/// library and the tests' fixtures (the benchmark corpus streams its million entries through
/// `ZimWriter` itself).
///
/// ```swift
/// var book = ZimBook(title: "Ville de test", language: "fra")
/// book.add(article: "Accueil", title: "Accueil", html: page)
/// book.add(redirect: "Cathedrale", to: "Cathédrale")
/// try book.write(to: path)
/// ```
public struct ZimBook: Sendable {
    /// One entry of the book.
    public enum Entry: Sendable {
        /// An HTML article, shown in suggestions and random picks (libzim's front article).
        case article(path: String, title: String, html: String)
        /// Any other item; `compress` nil lets libzim decide by MIME type.
        case item(path: String, title: String, mimeType: String, content: [UInt8], compress: Bool?)
        /// A redirect entry to the entry at `target`; `frontArticle`: suggested like an article.
        case redirect(path: String, title: String, target: String, frontArticle: Bool)
    }

    /// `Title`, `Language`, `Description`… in the order given.
    public var metadata: [(name: String, value: String)]
    /// The language of the full-text index (`fra`), nil for none.
    public var fullTextLanguage: String?
    /// A 48×48 PNG icon (`Illustration_48x48@1`).
    public var illustration: [UInt8]?
    /// The entries, in the order they are added to the writer.
    public var entries: [Entry] = []
    /// The main page's path; none when nil.
    public var mainPath: String?

    /// A book with `Title` and `Language` (ISO 639-3), indexed for full-text search in that
    /// language unless `fullTextLanguage` is set to nil.
    public init(title: String, language: String, metadata: [(name: String, value: String)] = []) {
        self.metadata = [("Title", title), ("Language", language)] + metadata
        fullTextLanguage = language.split(separator: ",").first.map(String.init)
    }

    /// Adds an HTML article (a front article: suggested, picked at random, counted).
    public mutating func add(article path: String, title: String, html: String) {
        entries.append(.article(path: path, title: title, html: html))
    }

    /// Adds an item that is not an article (style sheet, image, file).
    public mutating func add(item path: String, title: String = "", mimeType: String, content: [UInt8],
                             compress: Bool? = nil) {
        entries.append(.item(path: path, title: title, mimeType: mimeType, content: content, compress: compress))
    }

    /// Adds a text item that is not an article, stored as UTF-8.
    public mutating func add(item path: String, title: String = "", mimeType: String, text: String) {
        add(item: path, title: title, mimeType: mimeType, content: Array(text.utf8))
    }

    /// Adds a redirect from `path` to `target` (titled like its path unless `title` is given).
    public mutating func add(redirect path: String, title: String? = nil, to target: String, frontArticle: Bool = false) {
        entries.append(.redirect(path: path, title: title ?? path, target: target, frontArticle: frontArticle))
    }

    /// Writes the book to `path` (replaced if it exists). `quiet`: libzim's writer prints
    /// progress lines on standard output ("Resolve redirect", "set index"), which mean nothing
    /// to someone starting the kiosk and would mix with a test's or the fuzzer's output; they go
    /// to /dev/null meanwhile — call it before other threads write to standard output.
    /// `options`: compression, cluster size, worker threads (the index language is the book's).
    public func write(to path: String, quiet: Bool = true, options: ZimWriter.Options = .init()) throws {
        var options = options
        options.fullTextIndexLanguage = fullTextLanguage
        let write = {
            let writer = try ZimWriter(path: path, options: options)
            for (name, value) in metadata { try writer.addMetadata(name, value) }
            if let illustration { try writer.addIllustration(size: 48, png: illustration) }
            for entry in entries {
                switch entry {
                case .article(let path, let title, let html):
                    try writer.addItem(path: path, title: title, mimeType: "text/html", text: html, frontArticle: true)
                case .item(let path, let title, let mimeType, let content, let compress):
                    try writer.addItem(path: path, title: title, mimeType: mimeType, content: content, compress: compress)
                case .redirect(let path, let title, let target, let frontArticle):
                    try writer.addRedirect(path: path, title: title, target: target, frontArticle: frontArticle)
                }
            }
            if let mainPath { writer.setMainPath(mainPath) }
            try writer.finish()
        }
        if quiet { try Self.withStandardOutputSilenced(write) } else { try write() }
    }

    /// Runs `body` with standard output sent to /dev/null.
    static func withStandardOutputSilenced<T>(_ body: () throws -> T) rethrows -> T {
        fflush(nil)
        let saved = dup(STDOUT_FILENO)
        let null = open("/dev/null", O_WRONLY)
        if saved >= 0, null >= 0 { dup2(null, STDOUT_FILENO) }
        defer {
            fflush(nil)
            if saved >= 0 {
                dup2(saved, STDOUT_FILENO)
                close(saved)
            }
            if null >= 0 { close(null) }
        }
        return try body()
    }
}
