@testable import HTTPTestSupport
import Foundation
import Testing
@testable import Kiosk

/// Slow-loris and idle connections against a real kiosk daemon: half-open requests trickling a
/// header byte every couple of seconds and connections that never send anything must not keep a
/// normal visitor from getting a page within a second.
///
/// Every 127.x.y.z address is this machine, so each "phone" can have its own IP, as on the
/// kiosk's hotspot (no NAT: the per-IP connection limit sees one phone per address).
@Suite("Robustness: slow and idle clients", .serialized)
struct RobustnessSlowClientTests {
    /// The test holds several hundred sockets (twice: the server is in this process).
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < 4096 {
            limit.rlim_cur = min(limit.rlim_max, 4096)
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }

    @Test func slowLorisAndIdleConnectionsDontStarveVisitors() throws {
        Self.raiseDescriptorLimit()
        let kiosk = try RobustnessServer(threads: 2)
        let port = kiosk.port
        let start = ContinuousClock.now
        var attackers: [RawHTTPClient] = []
        var single: [RawHTTPClient] = []
        // 1. One attacker address opening 200 half-open requests: the per-IP limit (64) caps it.
        for _ in 0..<200 {
            guard let client = try? RawHTTPClient(port: port, source: "127.0.0.2", timeout: 1) else { continue }
            client.trySend(Array("GET /content/ville/Accueil HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8))
            single.append(client)
        }
        // 2. 100 other addresses with one half-open request each (many phones gone bad).
        for index in 0..<100 {
            let client = try RawHTTPClient(port: port, source: "127.0.1.\(index + 1)", timeout: 1)
            client.trySend(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
            attackers.append(client)
        }
        // 3. 100 connections that never send a byte, from 10 addresses.
        var idle: [RawHTTPClient] = []
        for index in 0..<100 {
            idle.append(try RawHTTPClient(port: port, source: "127.0.2.\(index % 10 + 1)", timeout: 1))
        }
        // While the attack trickles a byte per connection every 2 s, visitors (their own
        // addresses) get the page within a second, every time.
        var latencies: [Duration] = []
        var nextTrickle = ContinuousClock.now
        for round in 0..<16 {
            if ContinuousClock.now >= nextTrickle {
                for client in single + attackers { client.trySend([UInt8(ascii: "a")]) }
                nextTrickle = ContinuousClock.now.advanced(by: .seconds(2))
            }
            let began = ContinuousClock.now
            let reply = try? RawHTTPClient.get(port, "/content/ville/Accueil", source: "127.0.3.\(round + 1)", timeout: 3)
            latencies.append(ContinuousClock.now - began)
            #expect(reply?.status == 200, "visitor \(round) during the attack")
            Thread.sleep(forTimeInterval: 0.4)
        }
        let slowest = latencies.max() ?? .zero
        #expect(slowest < .seconds(1), "slowest visitor: \(slowest)")
        // The per-IP limit held: most of the single attacker's connections were closed at once.
        let stillOpen = single.filter { !((try? $0.waitForClose(seconds: 0.01)) ?? true) }.count
        #expect(stillOpen <= 64, "connections kept from one address: \(stillOpen)")
        #expect(kiosk.healthStatus() == 200)
        #expect(ContinuousClock.now - start < .seconds(20))
        withExtendedLifetime((single, attackers, idle)) {}
    }

    @Test func idleKeepAliveConnectionsAreClosedAfterTheTimeout() throws {
        Self.raiseDescriptorLimit()
        let kiosk = try RobustnessServer(threads: 2, connectionTimeout: 1)
        // Half-open requests that stop sending are dropped after the idle timeout.
        var stalled: [RawHTTPClient] = []
        for index in 0..<50 {
            let client = try RawHTTPClient(port: kiosk.port, source: "127.0.4.\(index % 5 + 1)")
            client.trySend(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
            stalled.append(client)
        }
        let began = ContinuousClock.now
        for client in stalled { #expect(try client.waitForClose(seconds: 5)) }
        #expect(ContinuousClock.now - began < .seconds(4))
        #expect(kiosk.healthStatus() == 200)
    }

    @Test func slowReadersDontBlockOtherVisitors() throws {
        Self.raiseDescriptorLimit()
        // One worker thread: if a slow reader held it, every other visitor would wait.
        let kiosk = try RobustnessServer(threads: 1)
        var readers: [RawHTTPClient] = []
        for index in 0..<20 {
            let client = try RawHTTPClient(port: kiosk.port, source: "127.0.5.\(index + 1)", receiveBuffer: 4096)
            // Ask for the 200 KB image and never read it.
            client.trySend(Array("GET /content/ville/I/big.jpg HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            readers.append(client)
        }
        Thread.sleep(forTimeInterval: 0.3)
        for round in 0..<5 {
            let began = ContinuousClock.now
            let reply = try RawHTTPClient.get(kiosk.port, "/content/ville/Cath%C3%A9drale", source: "127.0.6.\(round + 1)")
            #expect(reply.status == 200)
            #expect(ContinuousClock.now - began < .seconds(1))
        }
        // The slow readers still get every byte in the end.
        let reply = try readers[0].readResponse(slowly: 0.001)
        #expect(reply.body == Fixtures.bigImage)
    }
}

/// Slow-header clients from many addresses (issue: 600 connections sending one header line a
/// second from 20 addresses kept a normal client out for 60 s; from nine addresses at the
/// default limits). The connection guard cuts header-pending connections past the deadline and,
/// when every slot is taken, makes room for a new client.
@Suite("Robustness: slow headers from many addresses", .serialized)
struct RobustnessSlowHeaderTests {
    @Test(arguments: [20, 100])
    func sixHundredSlowHeaderConnectionsDontLockOutAPhone(addresses: Int) throws {
        RobustnessSlowClientTests.raiseDescriptorLimit()
        let kiosk = try RobustnessServer(threads: 2)
        let port = kiosk.port
        var slow: [RawHTTPClient] = []
        for index in 0..<600 {
            let source = "127.5.\(index % addresses / 250).\(index % addresses % 250 + 1)"
            guard let client = try? RawHTTPClient(port: port, source: source, timeout: 1) else { continue }
            client.trySend(Array("GET /content/ville/Accueil HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
            slow.append(client)
        }
        // For 12 s (past the 10 s header deadline), every slow connection sends one more header
        // line each second, reconnecting when cut; meanwhile a phone asks for a page 20 times.
        var latencies: [Duration] = []
        var failures = 0
        var nextTrickle = ContinuousClock.now
        let end = ContinuousClock.now.advanced(by: .seconds(12))
        var round = 0
        while ContinuousClock.now < end || round < 20 {
            if ContinuousClock.now >= nextTrickle {
                for (index, client) in slow.enumerated() {
                    if !client.trySend(Array("X-Slow: a\r\n".utf8)) {
                        let source = "127.5.\(index % addresses / 250).\(index % addresses % 250 + 1)"
                        if let again = try? RawHTTPClient(port: port, source: source, timeout: 1) {
                            again.trySend(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
                            slow[index] = again
                        }
                    }
                }
                nextTrickle = ContinuousClock.now.advanced(by: .seconds(1))
            }
            let began = ContinuousClock.now
            let reply = try? RawHTTPClient.get(
                port, "/content/ville/Accueil", source: "127.6.0.\(round % 200 + 1)", timeout: TestTiming.scaled(3))
            latencies.append(ContinuousClock.now - began)
            if reply?.status != 200 { failures += 1 }
            round += 1
            Thread.sleep(forTimeInterval: 0.3)
        }
        let slowest = latencies.max() ?? .zero
        #expect(failures == 0, "\(failures) of \(round) pages failed with \(addresses) slow addresses")
        #expect(slowest < TestTiming.scaled(.seconds(1)), "slowest page: \(slowest) with \(addresses) slow addresses")
        #expect(kiosk.healthStatus() == 200)
        withExtendedLifetime(slow) {}
    }
}
