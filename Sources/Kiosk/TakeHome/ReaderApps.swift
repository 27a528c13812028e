import Foundation

/// The reader apps staff put in the apps folder for visitors to install (Kiwix for Android's
/// `.apk`, say): files only, not hidden, found by their exact name, never outside the folder.
struct ReaderApps {
    let folder: String?

    struct App {
        let fileName: String
        let path: String
        let size: UInt64

        /// What a phone needs to open it: Android installs `.apk` files of this type.
        var contentType: String {
            switch (fileName as NSString).pathExtension.lowercased() {
            case "apk": "application/vnd.android.package-archive"
            case "exe", "msi": "application/vnd.microsoft.portable-executable"
            case "dmg": "application/x-apple-diskimage"
            default: "application/octet-stream"
            }
        }

        var isAndroid: Bool { (fileName as NSString).pathExtension.lowercased() == "apk" }
    }

    /// Every app in the folder, by name.
    var all: [App] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().compactMap(app(named:))
    }

    /// The app with this file name, nil for anything else (hidden, a folder, a path).
    func app(named name: String) -> App? {
        guard let folder, !name.isEmpty, !name.hasPrefix("."), !name.contains("/") else { return nil }
        let path = folder + "/" + name
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        return App(fileName: name, path: path, size: UInt64(info.st_size))
    }
}
