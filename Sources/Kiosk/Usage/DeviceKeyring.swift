/// The secret that turns a visitor's address into a device number, one per day, in memory
/// only: devices can be counted within a day, never followed from one day to the next, and
/// nobody holding the database can recompute the numbers (the key is never written).
///
/// Not thread-safe: owned by the `UsageLog` writer thread.
final class DeviceKeyring {
    private var day: String?
    private var key: [UInt8] = []
    /// Today's numbers already computed (a phone makes many requests); forgotten with the key.
    private var known: [String: Int64] = [:]
    private var generator: any RandomNumberGenerator

    init(generator: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.generator = generator
    }

    /// A 63-bit device number for `address` + `deviceClass` on `day` ("2026-11-21", or a
    /// per-boot label while the date is unknown). A new day draws a new key and forgets the old one.
    func device(address: String, deviceClass: String, day: String) -> Int64 {
        if day != self.day {
            self.day = day
            key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            known.removeAll()
        }
        let message = address + "\u{1F}" + deviceClass
        if let number = known[message] { return number }
        let digest = HMACSHA256.mac(key: key, message: Array(message.utf8))
        var number: UInt64 = 0
        for byte in digest.prefix(8) { number = number << 8 | UInt64(byte) }
        if known.count >= 20_000 { known.removeAll(keepingCapacity: true) }
        known[message] = Int64(bitPattern: number >> 1)
        return Int64(bitPattern: number >> 1)
    }
}
