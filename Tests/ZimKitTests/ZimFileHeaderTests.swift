import Foundation
import Testing
import ZimKit

@Suite("The ZIM file header")
struct ZimFileHeaderTests {
    @Test func aWrittenFilesHeaderMatchesWhatLibzimSays() throws {
        let path = try Fixtures.writeStandard()
        let header = try #require(ZimFileHeader.read(path))
        let archive = try Archive(path: path)
        #expect(header.entryCount == archive.allEntryCount)
        #expect(header.majorVersion == 5 || header.majorVersion == 6)
        #expect(header.clusterCount > 0)
    }

    @Test func notAZimFileHasNoHeader() throws {
        let folder = try Fixtures.temporaryDirectory()
        let short = folder.appendingPathComponent("short.zim")
        try Data([0x5A, 0x49, 0x4D, 0x04]).write(to: short)
        #expect(ZimFileHeader.read(short.path) == nil)
        let text = folder.appendingPathComponent("text.zim")
        try Data(repeating: 0x41, count: 200).write(to: text)
        #expect(ZimFileHeader.read(text.path) == nil)
        #expect(ZimFileHeader.read(folder.appendingPathComponent("absent.zim").path) == nil)
    }
}
