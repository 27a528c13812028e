import Foundation
import Testing
@testable import HTTPTestSupport

/// libkiwix test/server.cpp, `ServerTest`: compression, Cache-Control, ETag and
/// If-None-Match, byte ranges.
@Suite("libkiwix server tests: caching, compression and ranges", .enabled(if: KiwixServer.available))
struct KiwixCachingTests {
    let server: KiwixServer
    static let image = "/content/zimfile/I/m/Ray_Charles_classic_piano_pose.jpg"

    init() throws {
        server = try KiwixServer()
    }

    /// CompressibleContentIsCompressedIfAcceptable and UncompressibleContentIsNotCompressed.
    @Test func textIsGzippedWhenTheClientTakesGzip() throws {
        for resource in KiwixResource.compressible {
            let reply = try server.get(resource.url, [("Accept-Encoding", "gzip")])
            #expect(reply.status == 200, "\(resource)")
            #expect(reply.headers["Content-Encoding"] == "gzip", "\(resource)")
            #expect(reply.headers["Vary"]?.contains("Accept-Encoding") == true, "\(resource)")
        }
        for resource in KiwixResource.uncompressible {
            let reply = try server.get(resource.url, [("Accept-Encoding", "gzip")])
            #expect(reply.status == 200, "\(resource)")
            #expect(reply.headers["Content-Encoding"] == nil, "\(resource)")
        }
    }

    /// CacheControlOfZimContent, CacheControlOfDynamicContent, ETagHeaderIsSetAsNeeded: ZIM
    /// bytes are kept (WikiKiosk: a day, libkiwix: an hour) and revalidated by ETag; feeds are
    /// revalidated on each use; search answers are not stored.
    @Test func cacheControlAndETagFollowTheKindOfResource() throws {
        for resource in KiwixResource.all {
            let reply = try server.get(resource.url)
            let control = reply.headers["Cache-Control"] ?? ""
            let etag = reply.headers["ETag"]
            switch resource.kind {
            case .zimContent:
                #expect(control.contains("max-age="), "\(resource): \(control)")
                #expect(etag.map(Self.isValid) == true, "\(resource)")
            case .dynamicContent:
                #expect(control == "no-cache", "\(resource): \(control)")
                #expect(etag.map(Self.isValid) == true, "\(resource)")
            case .uncached:
                #expect(control == "no-store", "\(resource): \(control)")
                #expect(etag == nil, "\(resource)")
            }
        }
    }

    /// ETagIsTheSameInResponsesToDifferentRequestsOfTheSameURL, ETagIsTheSameAcrossHeadAndGet,
    /// DifferentServerInstancesProduceIdenticalETagsForZimContent (and, since WikiKiosk's
    /// feed ETags are a hash of their bytes, for feeds too: see README).
    @Test func etagsAreStableAcrossRequestsMethodsAndServers() throws {
        let other = try KiwixServer()
        for resource in KiwixResource.all where resource.kind != .uncached {
            let first = try server.head(resource.url).headers["ETag"]
            #expect(first != nil, "\(resource)")
            #expect(try server.head(resource.url).headers["ETag"] == first, "\(resource)")
            #expect(try server.get(resource.url).headers["ETag"] == first, "\(resource)")
            #expect(try other.head(resource.url).headers["ETag"] == first, "\(resource)")
        }
    }

    /// CompressionInfluencesETag and ETagOfUncompressibleContentIsNotAffectedByAcceptEncoding:
    /// the gzip body and the identity body are two byte sequences, with two tags.
    @Test func theGzipBodyHasItsOwnETag() throws {
        for resource in KiwixResource.compressible where resource.kind != .uncached {
            let plain = try server.get(resource.url).headers["ETag"]
            #expect(try server.get(resource.url, [("Accept-Encoding", "")]).headers["ETag"] == plain, "\(resource)")
            #expect(try server.get(resource.url, [("Accept-Encoding", "gzip")]).headers["ETag"] != plain, "\(resource)")
        }
        for resource in KiwixResource.uncompressible where resource.kind != .uncached {
            let plain = try server.get(resource.url).headers["ETag"]
            #expect(try server.get(resource.url, [("Accept-Encoding", "gzip")]).headers["ETag"] == plain, "\(resource)")
        }
    }

    /// IfNoneMatchRequestsWithMatchingETagResultIn304Responses: a list of tags that holds the
    /// current one gives 304 to GET and HEAD, with the 200's caching headers and no body.
    @Test func aMatchingTagInAListGives304() throws {
        for resource in KiwixResource.all where resource.kind != .uncached {
            for encoding in ["", "gzip"] {
                let full = try server.get(resource.url, [("Accept-Encoding", encoding)])
                let etag = try #require(full.headers["ETag"], "\(resource)")
                let list = "\"x" + etag.dropFirst() + ", " + etag + ", " + etag.dropLast(2) + "\""
                let headers = [("If-None-Match", list), ("Accept-Encoding", encoding)]
                let get = try server.get(resource.url, headers)
                let head = try server.head(resource.url, headers)
                #expect(get.status == 304, "\(resource) \(encoding)")
                #expect(head.status == 304, "\(resource) \(encoding)")
                #expect(get.body.isEmpty)
                #expect(Self.revalidation(get) == Self.revalidation(full), "\(resource) \(encoding)")
                #expect(Self.revalidation(head) == Self.revalidation(get), "\(resource) \(encoding)")
            }
        }
    }

    /// IfNoneMatchRequestsWithMismatchingETagResultIn200Responses.
    @Test func anotherTagGivesTheWholeAnswer() throws {
        for resource in KiwixResource.all {
            let etag = try server.get(resource.url).headers["ETag"] ?? "\"none\""
            let other = etag.dropLast() + "x\""
            #expect(try server.head(resource.url, [("If-None-Match", String(other))]).status == 200, "\(resource)")
            #expect(try server.get(resource.url, [("If-None-Match", String(other))]).status == 200, "\(resource)")
        }
    }

    /// ValidSingleRangeByteRangeRequestsAreHandledProperly.
    @Test func singleRangesGive206WithTheirSlice() throws {
        let full = try server.get(Self.image)
        #expect(full.headers["Content-Range"] == nil)
        #expect(full.headers["Accept-Ranges"] == "bytes")
        #expect(full.body.count == 20077)
        let cases: [(String, String, Range<Int>)] = [
            ("bytes=0-100000", "bytes 0-20076/20077", 0..<20077),
            ("bytes=0-10", "bytes 0-10/20077", 0..<11),
            ("bytes=123-456", "bytes 123-456/20077", 123..<457),
            ("bytes=20000-", "bytes 20000-20076/20077", 20000..<20077),
            ("bytes=-100", "bytes 19977-20076/20077", 19977..<20077),
        ]
        for (range, contentRange, slice) in cases {
            let partial = try server.get(Self.image, [("Range", range)])
            #expect(partial.status == 206, "\(range)")
            #expect(partial.headers["Content-Range"] == contentRange, "\(range)")
            #expect(partial.headers["Accept-Ranges"] == "bytes", "\(range)")
            #expect(partial.body == Array(full.body[slice]), "\(range)")
        }
    }

    /// InvalidAndMultiRangeByteRangeRequestsResultIn416Responses and
    /// ValidByteRangeRequestsOfZeroSizedEntriesResultIn416Responses: a range past the end is
    /// 416 as in libkiwix. A Range header that is malformed or asks for several ranges is
    /// ignored, as RFC 9110 (14.2) lets a server do, and the whole entry is sent (libkiwix: 416;
    /// see README).
    @Test func rangesPastTheEndGive416AndOthersTheWholeEntry() throws {
        for range in ["bytes=1000000-", "bytes=30000-30100"] {
            let reply = try server.get(Self.image, [("Range", range)])
            #expect(reply.status == 416, "\(range)")
            #expect(reply.body.isEmpty, "\(range)")
            #expect(reply.headers["Content-Range"] == "bytes */20077", "\(range)")
        }
        for range in ["0-10", "bytes=", "bytes=123", "bytes=-10-20", "bytes=10-20xxx", "bytes=10-0", "bytes=10-20, 30-40"] {
            let reply = try server.get(Self.image, [("Range", range)])
            #expect(reply.status == 200, "\(range)")
            #expect(reply.body.count == 20077, "\(range)")
            #expect(reply.headers["Content-Range"] == nil, "\(range)")
        }
        for range in ["bytes=0-", "bytes=-100"] {
            let reply = try server.get("/content/corner_cases%23%26/empty.js", [("Range", range)])
            #expect(reply.status == 416, "\(range)")
            #expect(reply.headers["Content-Range"] == "bytes */0", "\(range)")
        }
    }

    /// RangeHasPrecedenceOverCompression and RangeHeaderIsCaseInsensitive.
    @Test func aRangeIsOfTheIdentityBodyWhateverTheHeadersCase() throws {
        let plain = try server.get(Self.image, [("Range", "bytes=123-456")])
        let gzip = try server.get(Self.image, [("Range", "bytes=123-456"), ("Accept-Encoding", "gzip")])
        #expect(plain.status == gzip.status)
        #expect(KiwixEndpointTests.invariant(plain.headers) == KiwixEndpointTests.invariant(gzip.headers))
        #expect(plain.body == gzip.body)
        let reference = try server.get(Self.image, [("Range", "bytes=100-200")])
        for name in ["RANGE", "range", "rAnGe", "RaNgE"] {
            let reply = try server.get(Self.image, [(name, "bytes=100-200")])
            #expect(reply.status == 206, "\(name)")
            #expect(reply.headers["Content-Range"] == "bytes 100-200/20077", "\(name)")
            #expect(reply.body == reference.body, "\(name)")
        }
    }

    static func isValid(_ etag: String) -> Bool {
        etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"")
    }

    /// The headers RFC 9110 asks a 304 to repeat from the 200 (Date aside), as libkiwix's
    /// `special304Headers` picks them.
    static func revalidation(_ reply: RawHTTPClient.Reply) -> [String] {
        let names: Set<String> = ["cache-control", "content-location", "etag", "expires", "vary"]
        return reply.headers.pairs.filter { names.contains($0.name.lowercased()) }
            .map { "\($0.name.lowercased()): \($0.value)" }.sorted()
    }
}
