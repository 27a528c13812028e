/// FNV-1a, 64 bits: the one short, stable, non-cryptographic hash behind the kiosk's entity tags
/// and asset versions (the same bytes give the same value on every run and machine).
public struct FNV1a: Sendable {
    /// The hash of everything added so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds bytes.
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    }

    /// Adds a string's UTF-8 bytes.
    public mutating func add(_ text: String) { add(text.utf8) }

    /// The value as 16 hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hash of `bytes`, as 16 hexadecimal digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.hex
    }
}
