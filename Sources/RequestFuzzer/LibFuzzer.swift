#if WIKIKIOSK_FUZZING
import CFuzzerDriver
import Foundation

/// The fuzzing build (`-sanitize=fuzzer` and `-DWIKIKIOSK_FUZZING`, see scripts/fuzz.sh): hands
/// the command line to libFuzzer's driver, which mutates inputs and calls `testOneInput`. A broken
/// invariant aborts, so libFuzzer saves the input as a crash.
enum LibFuzzer {
    static func run() -> Never {
        // Build the books before the first input, so their cost isn't counted against it.
        _ = FuzzHarness.shared
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }

    private static let testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, size in
        fuzzTestOneInput(data, size)
    }
}

/// One input. Also exported under libFuzzer's conventional name: `-sanitize=fuzzer` links
/// libFuzzer's own `main` object, which refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = FuzzHarness.shared.run(bytes).problems
    if !problems.isEmpty {
        FuzzReport.write(problems, input: bytes, source: nil)
        abort()
    }
    return 0
}
#endif
