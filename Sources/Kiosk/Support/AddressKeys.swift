/// Numbers for devices in tables kept in memory only (captive-portal state, login throttle,
/// presenter counts, questionnaire offers): a keyed hash of the address whose key is random for
/// each run and never written, so a number means nothing outside this process and no address
/// is kept.
struct AddressKeys: Sendable {
    private let seed: UInt64

    init() {
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// The number for `address` in this run.
    func key(_ address: String) -> Int {
        var hasher = Hasher()
        hasher.combine(seed)
        hasher.combine(address)
        return hasher.finalize()
    }
}
