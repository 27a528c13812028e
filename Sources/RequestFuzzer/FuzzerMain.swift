/// `RequestFuzzer`'s entry point. Built for fuzzing (`-DWIKIKIOSK_FUZZING` with
/// `-sanitize=fuzzer,address`, see scripts/fuzz.sh) it is libFuzzer's driver; an ordinary build
/// replays the inputs given as arguments through the same harness (`Replay`).
@main
struct FuzzerMain {
    static func main() {
        #if WIKIKIOSK_FUZZING
        LibFuzzer.run()
        #else
        Replay.run()
        #endif
    }
}
