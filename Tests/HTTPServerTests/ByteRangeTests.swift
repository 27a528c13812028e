import Testing
import HTTPServer

@Suite struct ByteRangeTests {
    @Test(arguments: [
        ("bytes=0-99", ByteRange.partial(offset: 0, count: 100)),        // first bytes
        ("bytes=0-0", .partial(offset: 0, count: 1)),
        ("bytes=999-999", .partial(offset: 999, count: 1)),              // last byte
        ("bytes=-50", .partial(offset: 950, count: 50)),                 // suffix
        ("bytes=-5000", .partial(offset: 0, count: 1000)),               // suffix longer than resource
        ("bytes=100-", .partial(offset: 100, count: 900)),               // open-ended
        ("bytes=900-5000", .partial(offset: 900, count: 100)),           // end beyond size is clamped
        ("Bytes = 10-19", .partial(offset: 10, count: 10)),              // unit is case-insensitive
        ("bytes=1000-", .unsatisfiable),                                 // starts at size
        ("bytes=5000-6000", .unsatisfiable),                             // beyond size
        ("bytes=-0", .unsatisfiable),
        ("bytes=0-1,5-6", .full),                                        // multiple: served in full
        ("bytes=abc", .full), ("bytes=5-1", .full), ("bytes=-", .full),  // garbage: ignored
        ("items=0-1", .full), ("bytes=1-2-3", .full), ("", .full),
        ("bytes=+1-2", .full), ("bytes=99999999999999999999999-", .full),
    ])
    func evaluate(header: String, expected: ByteRange) {
        #expect(ByteRange.evaluate(header: header, resourceSize: 1000) == expected)
    }

    @Test func noHeaderIsFull() {
        #expect(ByteRange.evaluate(header: nil, resourceSize: 10) == .full)
    }

    @Test func emptyResource() {
        #expect(ByteRange.evaluate(header: "bytes=0-", resourceSize: 0) == .unsatisfiable)
        #expect(ByteRange.evaluate(header: "bytes=-1", resourceSize: 0) == .unsatisfiable)
    }
}
