import Foundation
import Testing
import ZimKit

@Suite("Opening and validating files")
struct OpenAndValidateTests {
    @Test func missingFileIsAnIOError() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("absent.zim").path
        #expect(catching { try Archive(path: path) }?.code == .io)
        #expect(Archive.validate(path: path, thorough: false) != nil)
    }

    @Test func directoryIsAnIOError() throws {
        let path = try Fixtures.temporaryDirectory().path
        #expect(catching { try Archive(path: path) }?.code == .io)
    }

    @Test(arguments: [
        ("garbage", Array("this is not a zim file at all, just some text that goes on for a while".utf8)
            + [UInt8](repeating: 0x42, count: 4096)),
        ("empty", []),
        ("zim-magic-then-zeros", [0x5A, 0x49, 0x4D, 0x04] + [UInt8](repeating: 0, count: 200)),
    ])
    func garbageFileIsInvalidArchive(name: String, bytes: [UInt8]) throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("\(name).zim")
        try Data(bytes).write(to: url)
        let error = catching { try Archive(path: url.path) }
        #expect(error?.code == .invalidArchive, "\(String(describing: error))")
        #expect(!(error?.message.isEmpty ?? true))
        #expect(Archive.validate(path: url.path, thorough: false) != nil)
        #expect(Archive.validate(path: url.path, thorough: true) != nil)
    }

    @Test func truncatedFileFailsWithoutCrashing() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.standard.get()))
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("truncated.zim")
        try original.prefix(original.count / 2).write(to: url)
        #expect(catching { try Archive(path: url.path) } != nil)
        #expect(Archive.validate(path: url.path, thorough: true) != nil)
    }

    @Test func splitArchiveOpensByItsBaseName() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.standard.get()))
        let folder = try Fixtures.temporaryDirectory()
        let partSize = whole.count / 3 + 1
        for (index, suffix) in ["aa", "ab", "ac"].enumerated() {
            let start = index * partSize
            try whole[start..<min(start + partSize, whole.count)].write(to: folder.appendingPathComponent("split.zim" + suffix))
        }
        let archive = try Archive(path: folder.appendingPathComponent("split.zim").path)
        #expect(archive.isMultiPart)
        #expect(archive.fileSize == UInt64(whole.count))
        let page = Fixtures.pages[1]
        #expect(try archive.data(of: archive.item(for: archive.entry(path: page.path))).string == page.html)
        #expect(try archive.data(of: archive.item(for: archive.entry(path: "big.bin"))).bytes == Fixtures.bigBlob)
    }

    @Test func goodFileValidates() throws {
        let path = try Fixtures.standard.get()
        #expect(Archive.validate(path: path, thorough: false) == nil)
        #expect(Archive.validate(path: path, thorough: true) == nil)
        #expect(Archive.validate(path: path, checks: .checksum) == nil)
    }

    @Test func corruptedByteFailsTheChecksum() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.standard.get()))
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("flipped.zim")
        // Flip a byte inside big.bin's data (the middle of the file), away from the header.
        let middle = bytes.count / 2
        bytes[middle] ^= 0xFF
        try bytes.write(to: url)
        let report = Archive.validate(path: url.path, thorough: true)
        #expect(report?.contains("CHECKSUM") == true, "\(report ?? "nil")")
    }

    @Test func errorDescriptionHasCodeAndMessage() {
        let error = ZimError(code: .notFound, message: "Cannot find entry")
        #expect(error.description == "notFound: Cannot find entry")
        #expect(error == ZimError(code: .notFound, message: "Cannot find entry"))
    }
}
