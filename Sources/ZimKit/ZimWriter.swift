import CZim

/// Writes a ZIM file with libzim's `zim::writer::Creator`: test fixtures, the demo book, benchmark ZIMs.
///
/// Not `Sendable`: a `Creator` must be driven from one thread at a time.
/// Call `finish()` exactly once; a writer dropped without it leaves no usable file.
public final class ZimWriter {
    /// How the file is written.
    public struct Options: Sendable {
        /// Compress clusters with zstd (`false`: store everything uncompressed).
        public var compression: Bool = true
        /// The language (ISO 639-3, e.g. `"eng"`, `"fra"`) of the Xapian full-text index to build;
        /// `nil` builds none. The title index is always built.
        public var fullTextIndexLanguage: String? = "eng"
        /// The target cluster size in bytes; `nil` keeps libzim's default.
        public var clusterSize: Int? = nil
        /// libzim's compression/indexing worker threads.
        public var workerThreads: Int = 1

        /// Options with libzim-friendly defaults: zstd, an English full-text index, one worker.
        public init(
            compression: Bool = true,
            fullTextIndexLanguage: String? = "eng",
            clusterSize: Int? = nil,
            workerThreads: Int = 1
        ) {
            self.compression = compression
            self.fullTextIndexLanguage = fullTextIndexLanguage
            self.clusterSize = clusterSize
            self.workerThreads = workerThreads
        }
    }

    /// The `czim_writer` handle, freed in `deinit`.
    private let handle: OpaquePointer
    /// The path of the ZIM file being written.
    public let path: String

    /// Configures a creator and starts writing `path` (libzim writes `<path>.tmp` and renames it
    /// when `finish()` succeeds).
    public init(path: String, options: Options = .init()) throws(ZimError) {
        var opened: OpaquePointer? = nil
        let language = options.fullTextIndexLanguage
        try czimCall { message in
            func start(_ languagePointer: UnsafePointer<CChar>?) -> czim_code {
                var c = czim_writer_options(
                    compress: options.compression,
                    index_language: languagePointer,
                    cluster_size: UInt64(clamping: max(0, options.clusterSize ?? 0)),
                    worker_threads: UInt32(clamping: max(1, options.workerThreads))
                )
                return czim_writer_start(path, &c, &opened, message)
            }
            if let language {
                return language.withCString { start($0) }
            }
            return start(nil)
        }
        guard let opened else { throw ZimError(code: .unknown, message: "czim_writer_start returned no writer") }
        self.handle = opened
        self.path = path
    }

    deinit { czim_writer_free(handle) }

    /// Sets the path of the main page (it must be added as an item or redirect). No effect after `finish()`.
    public func setMainPath(_ path: String) {
        // Fails only after finish(): documented as a no-op then.
        try? czimCall { czim_writer_set_main_path(handle, path, $0) }
    }

    /// Adds a text metadata entry (`"Title"`, `"Language"`, `"Creator"`, `"Date"`...).
    public func addMetadata(_ name: String, _ value: String, mimeType: String = "text/plain;charset=utf-8") throws(ZimError) {
        try addMetadata(name, bytes: Array(value.utf8), mimeType: mimeType)
    }

    /// Adds a binary metadata entry.
    public func addMetadata(_ name: String, bytes: [UInt8], mimeType: String) throws(ZimError) {
        try czimCall { message in
            bytes.withUnsafeBytes { czim_writer_add_metadata(handle, name, $0.baseAddress, $0.count, mimeType, message) }
        }
    }

    /// Adds a square PNG illustration (`Illustration_<size>x<size>@1`; 48 is the favicon).
    public func addIllustration(size: UInt32, png: [UInt8]) throws(ZimError) {
        try czimCall { message in
            png.withUnsafeBytes { czim_writer_add_illustration(handle, size, $0.baseAddress, $0.count, message) }
        }
    }

    /// Adds an item. `frontArticle` = shown in suggestions/random (libzim hint `FRONT_ARTICLE`);
    /// `indexText` = include HTML content in the full-text index. libzim decides compression from
    /// the MIME type (text compressed, images not); see `addItem(…compress:)` to force it.
    public func addItem(
        path: String, title: String, mimeType: String, content: [UInt8],
        frontArticle: Bool = false, indexText: Bool = true
    ) throws(ZimError) {
        try add(path: path, title: title, mimeType: mimeType, content: content,
                frontArticle: frontArticle, indexText: indexText, compress: nil)
    }

    /// Adds an item with an explicit `COMPRESS` hint (`nil`: libzim decides by MIME type).
    public func addItem(
        path: String, title: String, mimeType: String, content: [UInt8],
        frontArticle: Bool = false, indexText: Bool = true, compress: Bool?
    ) throws(ZimError) {
        try add(path: path, title: title, mimeType: mimeType, content: content,
                frontArticle: frontArticle, indexText: indexText, compress: compress)
    }

    /// Adds a text item (stored as UTF-8).
    public func addItem(path: String, title: String, mimeType: String, text: String, frontArticle: Bool = false) throws(ZimError) {
        try addItem(path: path, title: title, mimeType: mimeType, content: Array(text.utf8), frontArticle: frontArticle)
    }

    /// Adds a redirect from `path` to the entry at `target`.
    public func addRedirect(path: String, title: String, target: String, frontArticle: Bool = false) throws(ZimError) {
        let hints = frontArticle ? UInt32(CZIM_HINT_FRONT_ARTICLE) : 0
        try czimCall { czim_writer_add_redirect(handle, path, title, target, hints, $0) }
    }

    /// Writes the file (`finishZimCreation`). Call exactly once; `.writer` on a second call.
    public func finish() throws(ZimError) {
        try czimCall { czim_writer_finish(handle, $0) }
    }

    private func add(
        path: String, title: String, mimeType: String, content: [UInt8],
        frontArticle: Bool, indexText: Bool, compress: Bool?
    ) throws(ZimError) {
        var hints: UInt32 = 0
        if frontArticle { hints |= UInt32(CZIM_HINT_FRONT_ARTICLE) }
        if !indexText { hints |= UInt32(CZIM_HINT_NO_INDEX) }
        if let compress {
            hints |= UInt32(CZIM_HINT_COMPRESS_SET)
            if compress { hints |= UInt32(CZIM_HINT_COMPRESS) }
        }
        try czimCall { message in
            content.withUnsafeBytes {
                czim_writer_add_item(handle, path, title, mimeType, $0.baseAddress, $0.count, hints, message)
            }
        }
    }
}

/// A `Creator` must be driven from one thread at a time.
@available(*, unavailable)
extension ZimWriter: Sendable {}
