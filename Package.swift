// swift-tools-version: 6.1
import PackageDescription

/// The version and commit `wikikiosk --version` reports, from the environment of the build
/// (scripts/package-deb.sh sets them from `git describe`); a plain `swift build` says "source build".
/// Values outside `[A-Za-z0-9+-.~_]` are ignored (they go into a C string literal).
let buildInfoDefines: [CSetting] = ["WIKIKIOSK_VERSION", "WIKIKIOSK_COMMIT"].compactMap { name in
    guard let value = Context.environment[name], !value.isEmpty,
          value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.~_".contains($0)) }) else { return nil }
    return .define(name, to: "\"\(value)\"")
}

/// WikiKiosk: an offline Wikipedia kiosk server (libzim + libmicrohttpd).
///
/// Modules, from the bottom up:
/// - `CZim`: a plain C API over libzim (C++), every call wrapped in try/catch.
/// - `CMicroHTTPD`: system library target; `CDeflate`: libdeflate for gzip bodies, a C shim
///   keeping one compressor per thread (`CZlib`, zlib, only decodes them again in tests).
/// - `ZimKit`: Swift API over CZim (reading and writing ZIM archives).
/// - `HTTPServer`: Swift API over libmicrohttpd; knows nothing about kiosks.
/// - `Kiosk`: the application (library of books, routing, handlers).
/// - `wikikiosk`: the command-line tool, thin.
let package = Package(
    name: "WikiKiosk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wikikiosk", targets: ["wikikiosk"]),
        .executable(name: "benchmark-zim", targets: ["BenchmarkZim"]),
        .executable(name: "router-bench", targets: ["RouterBench"]),
        .executable(name: "spelling-bench", targets: ["SpellingBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "CZim",
            cxxSettings: [.unsafeFlags(["-fexceptions"])],
            linkerSettings: [.linkedLibrary("zim"), .linkedLibrary("zstd"), .linkedLibrary("stdc++")]
        ),
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(name: "CSystemClock"),
        .target(name: "CBuildInfo", cSettings: buildInfoDefines),
        // QR signs: libqrencode for the codes, cairo + pango for PDF / SVG / PNG plaques.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CPango",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev"])]
        ),
        // Staff area: Argon2id password hashes and random session ids.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        // libFuzzer's driver entry point, for RequestFuzzer's fuzzing build (scripts/fuzz.sh).
        .systemLibrary(name: "CFuzzerDriver"),
        .target(name: "ZimKit", dependencies: ["CZim"]),
        // gzip response bodies: libdeflate, with a compressor per thread (see its header).
        .target(name: "CDeflate", linkerSettings: [.linkedLibrary("deflate")]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "CDeflate"]),
        .target(name: "Kiosk", dependencies: ["ZimKit", "HTTPServer", "CSQLite", "CSystemClock",
                                              "CQRencode", "CCairo", "CPango", "CSodium", "CMalloc"]),
        .executableTarget(
            name: "wikikiosk",
            dependencies: ["Kiosk", "CMalloc", "CBuildInfo",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "BenchmarkZim", dependencies: ["ZimKit", "Kiosk"], path: "Benchmarks/BenchmarkZim"),
        // The request path's own cost, in process (see its header): for before/after comparisons.
        // Spelling correction's accuracy, latency and dictionary size on a book (BENCHMARKS.md).
        .executableTarget(name: "SpellingBench", dependencies: ["Kiosk", "ZimKit"], path: "Benchmarks/SpellingBench"),
        .executableTarget(name: "RouterBench", dependencies: ["Kiosk", "HTTPServer"], path: "Benchmarks/RouterBench"),
        // libFuzzer target over request parsing + the router (scripts/fuzz.sh); a plain build
        // replays inputs given as arguments instead.
        .executableTarget(name: "RequestFuzzer", dependencies: ["Kiosk", "HTTPServer", "ZimKit", "CFuzzerDriver"]),
        // What the test targets share (test targets can't share files): a raw-socket HTTP client,
        // the `wikikiosk serve` child process.
        .target(name: "HTTPTestSupport", dependencies: ["HTTPServer"], path: "Tests/HTTPTestSupport"),
        .testTarget(name: "ZimKitTests", dependencies: ["ZimKit"]),
        // zlib inflates what libdeflate wrote: an independent decoder checks every gzip body.
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPTestSupport", "CZlib"]),
        .testTarget(name: "KioskTests", dependencies: ["Kiosk", "ZimKit", "HTTPServer", "HTTPTestSupport"]),
        // libkiwix's own server tests (test/server.cpp, server_search.cpp, library_server.cpp),
        // ported: what a Kiwix client expects of `wikikiosk serve`, asked over HTTP.
        .testTarget(name: "KiwixServerTests", dependencies: ["ZimKit", "HTTPServer", "HTTPTestSupport"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
