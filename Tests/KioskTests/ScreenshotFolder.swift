import Foundation

/// Where browser tests save their screenshots: a temporary folder, so a test run doesn't
/// rewrite the reviewed images in docs/. `WIKIKIOSK_SCREENSHOT_DIR=docs scripts/test.sh`
/// refreshes them.
enum ScreenshotFolder {
    static let path: String = {
        if let chosen = ProcessInfo.processInfo.environment["WIKIKIOSK_SCREENSHOT_DIR"], !chosen.isEmpty {
            let absolute = chosen.hasPrefix("/") ? chosen : DeployFolder.checkout + "/" + chosen
            try? FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
            return absolute
        }
        let folder = NSTemporaryDirectory() + "wikikiosk-screenshots"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()
}
