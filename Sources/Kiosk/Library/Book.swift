import Foundation
import ZimKit

/// One ZIM archive being served, with the facts the pages need read once at load time.
///
/// Immutable; shared between request threads. `Archive` is thread-safe (libzim archive.h).
public final class Book: Sendable {
    /// URL name: `/content/<name>/…`.
    public let name: String
    /// The name without the edition's date (`BookNaming.undated`), nil when it has none.
    public let undatedName: String?
    /// The archive's UUID without dashes; also the book id in the catalog.
    public let id: String
    public let archive: Archive
    public let path: String
    public let title: String
    public let description: String
    /// ISO 639-3 code(s) as stored in the ZIM, e.g. `fra` or `fra,eng`.
    public let language: String
    public let articleCount: UInt32
    public let mediaCount: UInt32
    public let fileSize: UInt64
    public let date: String
    public let hasFullTextIndex: Bool
    public let illustrationSizes: [UInt32]
    /// The kind of book from the `_category:` tag (`wikipedia`, `vikidia`…), as libkiwix reads
    /// it; empty when the tags don't say.
    public let category: String
    /// Path of the main page, following redirects, or nil when the ZIM has none.
    public let mainPagePath: String?
    /// The file's size and modification time when loaded, to notice a replaced file.
    public let fingerprint: FileFingerprint

    /// Reads the metadata of an open archive.
    public init(name: String, archive: Archive, fingerprint: FileFingerprint) {
        self.name = name
        self.undatedName = BookNaming.undated(name)
        self.archive = archive
        self.path = archive.path
        self.id = archive.uuid
        self.title = archive.metadata("Title").flatMap { $0.isEmpty ? nil : $0 } ?? name
        self.description = archive.metadata("Description") ?? ""
        self.language = archive.metadata("Language") ?? ""
        self.articleCount = archive.articleCount
        self.mediaCount = archive.mediaCount
        self.fileSize = archive.fileSize
        self.date = archive.metadata("Date") ?? ""
        self.hasFullTextIndex = archive.hasFulltextIndex
        self.illustrationSizes = archive.illustrationSizes
        self.category = Self.category(fromTags: archive.metadata("Tags") ?? "")
        if archive.hasMainEntry, let main = try? archive.mainEntry(), case .target(let entry) = archive.followRedirects(from: main) {
            self.mainPagePath = entry.path
        } else {
            self.mainPagePath = nil
        }
        self.fingerprint = fingerprint
    }

    /// "_category:wikipedia" in the tags → "wikipedia".
    static func category(fromTags tags: String) -> String {
        for tag in tags.split(separator: ";") where tag.hasPrefix("_category:") {
            return String(tag.dropFirst("_category:".count))
        }
        return ""
    }
}
