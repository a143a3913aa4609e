import ArgumentParser

@main
struct Kechuang: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kechuang",
        abstract: "科创服务平台 / Kechuang: the science and innovation service platform of a district S&T bureau.",
        discussion: """
        Runs the web platform, keeps the enterprise registry (一企一档) and loads and exports the
        district's spreadsheets. The database is the SQLite file kechuang.sqlite in the current
        folder unless --database or KECHUANG_DATABASE_URL names another (postgres://… for PostgreSQL).
        """,
        subcommands: [Serve.self, Migrate.self, UserCommand.self, Import.self, Export.self, Demo.self, Report.self, WhiteListCommand.self, BackupCommand.self, RestoreCommand.self, Assess.self, Points.self, USCCCommand.self, AuditCommand.self, CashoutCommand.self])
}
