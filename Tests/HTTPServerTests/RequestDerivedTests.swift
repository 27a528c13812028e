import Testing
import HTTPServer

@Suite struct RequestDerivedTests {
    private func request(_ headers: HTTPHeaders) -> Request {
        Request(method: .get, target: "/", headers: headers)
    }

    @Test func acceptLanguageOrderedByQuality() {
        let r = request(["Accept-Language": "en;q=0.5, fr-FR, de;q=0, fr;q=0.8, *;q=0.1"])
        #expect(r.acceptLanguage == ["fr-fr", "fr", "en"])
    }

    @Test func acceptLanguageStableForEqualQuality() {
        #expect(request(["Accept-Language": "br, oc, fr"]).acceptLanguage == ["br", "oc", "fr"])
        #expect(request(["Accept-Language": "en;q=0.7", "accept-language": "fr;q=0.9"]).acceptLanguage == ["fr", "en"])
        #expect(request([:]).acceptLanguage == [])
    }

    @Test func acceptsGzip() {
        #expect(request(["Accept-Encoding": "gzip, deflate, br"]).acceptsGzip)
        #expect(request(["Accept-Encoding": "br;q=1.0, GZIP;q=0.5"]).acceptsGzip)
        #expect(!request(["Accept-Encoding": "gzip;q=0, *"]).acceptsGzip)
        #expect(request(["Accept-Encoding": "*"]).acceptsGzip)
        #expect(!request(["Accept-Encoding": "identity"]).acceptsGzip)
        #expect(!request([:]).acceptsGzip)
        // Without q-values (the quick path): tokens compared trimmed and case-insensitively, whole.
        #expect(request(["Accept-Encoding": " deflate ,GZip "]).acceptsGzip)
        #expect(request(["Accept-Encoding": "x-gzip"]).acceptsGzip)
        #expect(!request(["Accept-Encoding": "gzipped, br"]).acceptsGzip)
        #expect(!request(["Accept-Encoding": ""]).acceptsGzip)
        #expect(request(["Accept-Encoding": "br", "accept-encoding": "gzip"]).acceptsGzip)
    }

    @Test func host() {
        #expect(request(["Host": "Wiki.LAN:8080"]).host == "wiki.lan")
        #expect(request(["Host": "[::1]:80"]).host == "[::1]")
        #expect(request(["Host": "kiosk"]).host == "kiosk")
        #expect(request([:]).host == nil)
    }

    @Test func ifNoneMatchTags() {
        let r = request(["If-None-Match": #"W/"abc", "x,y" , "z""#])
        #expect(r.ifNoneMatch == [#"W/"abc""#, #""x,y""#, #""z""#])
        #expect(request(["If-None-Match": "*"]).ifNoneMatch == ["*"])
        #expect(request([:]).ifNoneMatch == [])
    }

    @Test func rangeIsRaw() {
        #expect(request(["range": "bytes=0-9"]).range == "bytes=0-9")
    }
}
