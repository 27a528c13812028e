import Foundation
import Synchronization
import Testing
@testable import ZimKit

/// The SIGBUS fence: a mapped page of a ".zim" file that was cut short reads as zeros instead
/// of killing the process — also when several threads touch that page at the same moment (the
/// second thread's handler used to find the page already replaced, no longer "a ZIM file", and
/// passed the fault on as a crash).
@Suite("SIGBUS fence for ZIM files that shrink", .serialized)
struct FileFenceTests {
    @Test func threadsReadingAPageCutFromTheFileAllGetZeros() throws {
        #expect(FileFence.install())
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        for round in 0..<200 {
            let path = try Fixtures.temporaryDirectory().appendingPathComponent("shrinking-\(round).zim").path
            try Data(repeating: 0x5A, count: 4 * pageSize).write(to: URL(fileURLWithPath: path))
            let fd = open(path, O_RDONLY)
            #expect(fd >= 0)
            let mapped = try #require(mmap(nil, 4 * pageSize, PROT_READ, MAP_SHARED, fd, 0))
            #expect(mapped != MAP_FAILED)
            close(fd)
            let bytes = mapped.assumingMemoryBound(to: UInt8.self)
            #expect(bytes[3 * pageSize] == 0x5A)
            // Cut the last two pages: reading them raises SIGBUS.
            #expect(truncate(path, off_t(2 * pageSize)) == 0)
            let before = FileFence.fencedPages
            let seen = Mutex<[UInt8]>([])
            let address = UInt(bitPattern: mapped) + UInt(3 * pageSize + 17)
            // Every thread waits at the line, then all read at once: their faults overlap.
            let ready = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                ready.add(1, ordering: .acquiringAndReleasing)
                while ready.load(ordering: .acquiring) < 2 {}
                let byte = UnsafePointer<UInt8>(bitPattern: address)!.pointee
                seen.withLock { $0.append(byte) }
            }
            #expect(seen.withLock { $0 } == [UInt8](repeating: 0, count: 8), "round \(round)")
            #expect(FileFence.fencedPages > before)
            #expect(bytes[0] == 0x5A, "pages still in the file read as before")
            munmap(mapped, 4 * pageSize)
        }
    }
}
