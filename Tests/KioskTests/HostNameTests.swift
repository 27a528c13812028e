import Testing
@testable import Kiosk

@Suite("Host names: IP literals")
struct HostNameTests {
    @Test func dottedQuadsAndBracketedIPv6AreIPLiterals() {
        for literal in ["10.42.0.1", "0.0.0.0", "255.255.255.255", "01.2.3.4", "[::1]", "[fe80::1]"] {
            #expect(HostName.isIPLiteral(literal), "\(literal)")
        }
        for name in ["", "wiki.lan", "256.1.1.1", "1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.4.5",
                     "1234.1.1.1", "1.2.3.a", "١.٢.٣.٤", "1.2.3.-4", "10.42.0.1:80"] {
            #expect(!HostName.isIPLiteral(name), "\(name)")
        }
    }
}
