extension KioskServer {
    /// The sign desk for `configuration`: its catalogue and template files (problems logged with
    /// their lines; a missing catalogue simply means no signs).
    static func signDesk(_ configuration: KioskConfiguration, log: Log) -> SignDesk {
        var template = SignTemplate()
        if let file = configuration.signTemplateFile {
            let loaded = SignTemplate.load(file: file)
            for problem in loaded.problems { log.error(problem.description) }
            template = loaded.template
        }
        template.strings = configuration.strings
        return SignDesk(catalogFile: configuration.signCatalogFile, template: template, log: log)
    }
}
