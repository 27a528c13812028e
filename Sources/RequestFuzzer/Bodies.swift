import Foundation
import HTTPServer

/// A response body read back in full, as libmicrohttpd would send it.
enum Bodies {
    struct Failure: Error {
        let reason: String
    }

    /// The bytes of `body`; a file region the daemon would refuse (not a regular file, past its
    /// end: MHDResponseBuilder answers 404/500 instead) or a stream that stops early is a failure.
    static func bytes(of body: Response.Body) -> Result<[UInt8], Failure> {
        switch body {
        case .bytes(let bytes):
            return .success(bytes)
        case .borrowed(let pointer, let count, _):
            guard count >= 0 else { return .failure(Failure(reason: "borrowed body with count \(count)")) }
            return .success(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        case .file(let path, let offset, let count):
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let size = (attributes[.size] as? NSNumber)?.uint64Value
            else { return .failure(Failure(reason: "file body \(path) is not a readable regular file")) }
            guard offset <= size, count <= size - offset else {
                return .failure(Failure(reason: "file body \(offset)+\(count) past the end of \(path) (\(size) bytes)"))
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .failure(Failure(reason: "file body \(path) can't be opened"))
            }
            defer { try? handle.close() }
            do {
                try handle.seek(toOffset: offset)
                return .success(Array(try handle.read(upToCount: Int(count)) ?? Data()))
            } catch {
                return .failure(Failure(reason: "file body \(path): \(error)"))
            }
        case .stream(let count, let chunkSize, let read):
            var out: [UInt8] = []
            while UInt64(out.count) < count {
                let wanted = Int(min(UInt64(max(chunkSize, 1)), count - UInt64(out.count)))
                guard let chunk = read(UInt64(out.count), wanted), !chunk.isEmpty else {
                    return .failure(Failure(reason: "stream stopped at \(out.count) of \(count) bytes"))
                }
                out += chunk.prefix(wanted)
            }
            return .success(out)
        }
    }
}
