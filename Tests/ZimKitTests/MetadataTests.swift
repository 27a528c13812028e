import Testing
import ZimKit

@Suite("Metadata and illustrations")
struct MetadataTests {
    @Test func textMetadata() throws {
        let archive = try Fixtures.openStandard()
        #expect(archive.metadata("Title") == "Petite encyclopédie")
        #expect(archive.metadata("Language") == "fra,eng")
        #expect(archive.metadata("Description") == "Quelques pages pour les tests — avec des accents.")
        #expect(archive.metadata("NoSuchKey") == nil)
        #expect(archive.metadataBlob("NoSuchKey") == nil)
        let keys = Set(archive.metadataKeys)
        for key in ["Title", "Language", "Creator", "Publisher", "Date", "Description", "Name", "Illustration_48x48@1"] {
            #expect(keys.contains(key), "missing \(key) in \(keys.sorted())")
        }
    }

    @Test func illustration() throws {
        let archive = try Fixtures.openStandard()
        #expect(archive.illustrationSizes == [48])
        #expect(archive.illustration(size: 48)?.bytes == Fixtures.png)
        #expect(archive.metadataBlob("Illustration_48x48@1")?.bytes == Fixtures.png)
        #expect(archive.illustration(size: 96) == nil)
    }
}
