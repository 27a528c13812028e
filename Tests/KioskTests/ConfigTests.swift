import Foundation
import Testing
@testable import Kiosk

@Suite("Configuration: kiosk-config/wikikiosk.conf and translations")
struct ConfigTests {
    static var checkoutConfig: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../kiosk-config")
            .standardizedFileURL.path
    }

    @Test func theShippedConfigurationLoadsWithoutProblems() {
        let loaded = ConfigLoader(path: Self.checkoutConfig, stateDirectory: nil).load()
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.settings.name == "Médiathèque de démonstration")
        #expect(loaded.settings.canonicalHost == "wikikiosk.lan")
        #expect(loaded.settings.languages == ["fr", "en", "es", "de", "uk", "ar"])
        #expect(loaded.settings.portalTimeout == 3600)
        #expect(loaded.settings.hotspot.ssid == "Wikipedia sans Internet")
        #expect(loaded.settings.featured.count == 3)
        #expect(loaded.settings.featured.first?.book == "wikikiosk-demo")
        #expect(loaded.settings.featured.first?.path == "fr/Comment_chercher")
        #expect(loaded.strings.tables.keys.sorted() == ["ar", "de", "en", "es", "fr", "uk"])
        #expect(loaded.source.hasSuffix("wikikiosk.conf"))
    }

    @Test func everyLandingTextIsInEveryShippedTranslationFile() {
        let files = TranslationFiles.load(folder: Self.checkoutConfig + "/locales")
        #expect(files.problems.isEmpty, "\(files.problems)")
        for language in ["fr", "en"] {
            let table = files.tables[language] ?? [:]
            for (key, text) in VisitorStrings.tables[language] ?? [:] where key.hasPrefix("landing.") {
                #expect(table[key] == text, "\(language).ini: \(key)")
            }
        }
    }

    @Test func everyValueIsParsed() {
        let text = """
            # comment
            [kiosk]
            name = Bibliothèque #2 de Saint-Flour
            place = Saint-Flour
            languages = FR, br , en
            host = Borne.LAN:8080
            aliases = a.lan, b.lan
            address = 127.0.0.1
            port = 80
            library = /srv/zim
            main = wikipedia_fr_all , vikidia_fr
            portal-timeout = 90 min
            [hotspot]
            ssid = Wi-Fi # libre
            country = fr
            channel = 11
            interface = wlp2s0
            address = 192.168.50.1
            dhcp-range = 192.168.50.10,192.168.50.99
            [featured]
            Cathédrale = wiki/Cathédrale_Notre-Dame | La plus belle
            Blaise Pascal = wiki/A/Blaise_Pascal
            """
        let (settings, problems) = SettingsParser.parse(text, file: "k.conf")
        #expect(problems.isEmpty, "\(problems)")
        #expect(settings.name == "Bibliothèque #2 de Saint-Flour")
        #expect(settings.languages == ["fr", "br", "en"])
        #expect(settings.canonicalHost == "borne.lan:8080")
        #expect(settings.canonicalHostName == "borne.lan")
        #expect(settings.canonicalURL == "http://borne.lan:8080/")
        #expect(settings.aliases == ["a.lan", "b.lan"])
        #expect(settings.listenAddress == "127.0.0.1")
        #expect(settings.port == 80)
        #expect(settings.libraryDirectory == "/srv/zim")
        #expect(settings.mainBooks == ["wikipedia_fr_all", "vikidia_fr"])
        #expect(settings.portalTimeout == 5400)
        #expect(settings.hotspot.ssid == "Wi-Fi # libre")
        #expect(settings.hotspot.country == "FR")
        #expect(settings.hotspot.channel == 11)
        #expect(settings.hotspot.interface == "wlp2s0")
        #expect(settings.hotspot.address == "192.168.50.1")
        #expect(settings.hotspot.dhcpStart == "192.168.50.10")
        #expect(settings.hotspot.dhcpEnd == "192.168.50.99")
        #expect(settings.featured == [
            FeaturedArticle(title: "Cathédrale", book: "wiki", path: "Cathédrale_Notre-Dame", description: "La plus belle"),
            FeaturedArticle(title: "Blaise Pascal", book: "wiki", path: "A/Blaise_Pascal"),
        ])
    }

    @Test func durations() {
        #expect(SettingsParser.duration("1h") == 3600)
        #expect(SettingsParser.duration("90s") == 90)
        #expect(SettingsParser.duration("45") == 2700)
        #expect(SettingsParser.duration("2 h") == 7200)
        #expect(SettingsParser.duration("soon") == nil)
    }

    @Test func problemsNameTheFileTheLineAndWhatIsWrong() {
        let text = """
            [kiosk]
            name = Ma borne
            prot = 80
            port = 99999
            languages = français
            host = not a host!
            portal-timeout = 5s
            name = Encore
            just some words
            [hotspt]
            [hotspot]
            channel = 14
            ssid = Un nom de réseau Wi-Fi beaucoup trop long pour hostapd
            dhcp-range = 10.0.0.1
            [featured]
            Sans lien = pas-de-chemin
            """
        let (_, problems) = SettingsParser.parse(text, file: "kiosk-config/wikikiosk.conf")
        let lines = problems.map { $0.line ?? 0 }
        #expect(lines == [9, 10, 3, 4, 5, 6, 7, 8, 12, 13, 14, 16], "\(problems)")
        let text3 = problems.first { $0.line == 3 }?.description ?? ""
        #expect(text3 == "kiosk-config/wikikiosk.conf, line 3: unknown setting “prot” in [kiosk] (did you mean “port”?)")
        #expect(problems.first { $0.line == 10 }?.message.contains("did you mean [hotspot]") == true)
        #expect(problems.first { $0.line == 8 }?.message.contains("already set on line 2") == true)
        #expect(problems.first { $0.line == 12 }?.message.contains("1 to 13") == true)
        // A control character in the Wi-Fi name (a tab, a bell) is refused where every SSID is read.
        for ssid in ["Wi\tFi", "Wi-Fi\u{7}"] {
            let parsed = SettingsParser.parse("[hotspot]\nssid = \(ssid)\n", file: "k.conf")
            #expect(parsed.problems.map(\.message) == ["the Wi-Fi name has a control character"], "\(ssid.debugDescription)")
        }
    }

    @Test func aBrokenFileFallsBackToTheLastGoodOneThenToDefaults() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let state = folder + "/state"
        let file = folder + "/wikikiosk.conf"
        try "[kiosk]\nname = Première\n".write(toFile: file, atomically: true, encoding: .utf8)
        let good = ConfigLoader(path: folder, stateDirectory: state).load()
        #expect(good.settings.name == "Première")
        #expect(good.problems.isEmpty)

        try "[kiosk]\nname = Seconde\nport = quatre-vingts\n".write(toFile: file, atomically: true, encoding: .utf8)
        let broken = ConfigLoader(path: file, stateDirectory: state).load()
        #expect(broken.settings.name == "Première")
        #expect(broken.problems.map(\.description) == ["\(file), line 3: the port must be a number from 1 to 65535"])
        #expect(broken.source.contains("last configuration that worked"))

        let noCopy = ConfigLoader(path: file, stateDirectory: folder + "/elsewhere").load()
        #expect(noCopy.settings == KioskSettings())
        #expect(noCopy.source.contains("built-in defaults"))

        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: file))
        let binary = ConfigLoader(path: file, stateDirectory: nil).load()
        #expect(binary.problems.first?.message.contains("UTF-8") == true)
        #expect(binary.settings == KioskSettings())
    }

    @Test func aVolunteerAddsBreton() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/locales", withIntermediateDirectories: true)
        try "[kiosk]\nlanguages = fr, br\n".write(toFile: folder + "/wikikiosk.conf", atomically: true, encoding: .utf8)
        try """
            language.name = Brezhoneg
            landing.welcome = Wikipedia hep Kenrouedad, amañ ha digoust
            landing.welcom = typo
            """.write(toFile: folder + "/locales/br.ini", atomically: true, encoding: .utf8)
        let loaded = ConfigLoader(path: folder, stateDirectory: nil).load()
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems.first?.line == 3)
        #expect(loaded.problems.first?.message.contains("did you mean “landing.welcome”") == true)
        let strings = loaded.strings
        #expect(strings.language(explicit: nil, acceptLanguage: ["br-fr", "fr"]) == "br")
        #expect(strings.language(explicit: nil, acceptLanguage: ["en"]) == "fr")
        #expect(strings.text("landing.welcome", "br") == "Wikipedia hep Kenrouedad, amañ ha digoust")
        // Missing in Breton: the first configured language's text.
        #expect(strings.text("landing.search.button", "br") == "Chercher")
    }

    @Test func defaultFolderIsTheCheckoutsKioskConfig() {
        let executable = URL(fileURLWithPath: Self.checkoutConfig).deletingLastPathComponent()
            .appendingPathComponent(".build-x/debug/wikikiosk").path
        #expect(ConfigLoader.defaultPath(executable: executable) == Self.checkoutConfig)
    }
}
