import Foundation

/// The short README of a replication kit (`kit.readme` of the string catalog), in French and
/// in English: what the kit is, what to do with it on the next kiosk, and the books to fetch.
enum KitReadme {
    static func text(_ language: String, settings: KioskSettings, books: [Book], build: BuildInfo,
                     strings: StringCatalog = StringCatalog()) -> String {
        let lines = books.map { book in
            strings.text("kit.book", language, ["title": .text(book.title), "file": .text((book.path as NSString).lastPathComponent),
                                                "size": .text(ByteSize.text(book.fileSize, language))])
        }
        return strings.text("kit.readme", language, ["name": .text(settings.name), "place": .text(settings.place),
                                                      "books": .text(lines.joined(separator: "\n")),
                                                      "version": .text(build.version), "commit": .text(build.commit)])
    }
}
