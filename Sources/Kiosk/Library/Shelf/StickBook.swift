/// A ZIM file found on a USB stick, with what the Books page shows before copying it.
public struct StickBook: Sendable, Equatable {
    /// Where it is (below the USB folder).
    public let path: String
    public let fileName: String
    public let size: UInt64
    /// The name it would be served under (`BookNaming.name(forFile:)`).
    public let name: String
    public let title: String
    public let language: String
    /// The `Date` metadata (`2026-10-01`), empty when missing.
    public let date: String
    /// The archive's UUID without dashes, empty when it can't be opened.
    public let id: String
    /// Why it can't be added (it failed the quick checks), nil when it can.
    public let problem: String?

    /// The name shared by every edition of the book: without the date when it has one.
    public var editionKey: String { BookNaming.undated(name) ?? name }
}

extension Book {
    /// The name shared by every edition of the book (see `StickBook.editionKey`).
    public var editionKey: String { undatedName ?? name }
}
