/// The usage database's tables. One row per event, small: article names are stored once in
/// `articles`; suggestions and drops are tallied per day rather than stored per keystroke.
///
/// - `boots`: one row per boot of the machine, with the best known offset from the
///   monotonic clock to the real date, how sure it is (`DatingLevel`), and the id of its first
///   event (one index less to write for every event: re-dating scans from there).
/// - `events.ts`: seconds since 1970 (local `day` and `hour` derived from it), NULL-dated
///   rows have `dated = 0` and `day IS NULL` until their boot learns the date.
/// - `events.device`: a keyed hash of address + device class, the key changing daily and
///   never written anywhere; `class`: "phone/android" and the like.
///
/// The schema is built by `UsageMigrator`'s named migrations; this holds their SQL.
enum UsageSchema {
    /// Set on every connection that writes (not part of a migration: `journal_mode` can't
    /// change inside a transaction).
    static let pragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        """

    /// The first schema (the kiosk's first release wrote exactly this, with `meta.schema = 1`).
    static let version1 = """
        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS boots (
            id INTEGER PRIMARY KEY, boot_uuid TEXT UNIQUE NOT NULL,
            offset REAL, level INTEGER NOT NULL DEFAULT 0, first_event INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS articles (
            id INTEGER PRIMARY KEY, book TEXT NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
            UNIQUE (book, path));
        CREATE TABLE IF NOT EXISTS events (
            id INTEGER PRIMARY KEY, boot INTEGER NOT NULL, mono REAL NOT NULL,
            ts REAL NOT NULL, dated INTEGER NOT NULL, day TEXT, hour INTEGER,
            kind TEXT NOT NULL, device INTEGER NOT NULL, class TEXT NOT NULL,
            article INTEGER, arrival TEXT, query TEXT, results INTEGER, books TEXT, detail TEXT);
        CREATE INDEX IF NOT EXISTS events_day ON events (day);
        CREATE TABLE IF NOT EXISTS tallies (
            day TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, name));
        INSERT OR IGNORE INTO meta VALUES ('schema', '1');
        """

    /// Workshop sessions (2026-12): a mediator's session, its times on the boot's monotonic clock
    /// (dated like events, by the boot's offset), and what staff typed; `key` names it until the
    /// writer has stored it. Its participants and pages are read from the events of its time.
    static let sessions = """
        CREATE TABLE IF NOT EXISTS sessions (
            id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, boot INTEGER NOT NULL,
            start_mono REAL NOT NULL, end_mono REAL, title TEXT NOT NULL, place TEXT NOT NULL DEFAULT '',
            mediator TEXT NOT NULL DEFAULT '', expected INTEGER);
        """

    /// Kiosk runs (2026-12): one row each time the server starts, with its start and the last
    /// time it was known to be running (`alive_mono`, moved on about once a minute by the writer)
    /// on its boot's monotonic clock, dated by the boot's offset like events. The report's
    /// "kiosk on" minutes per day come from here; a power cut loses at most the last minute.
    static let runs = """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY, boot INTEGER NOT NULL, start_mono REAL NOT NULL, alive_mono REAL NOT NULL);
        """

    /// SQL deriving the local day and hour of `ts` (SQLite's 'localtime' follows /etc/localtime and TZ).
    static let dayExpression = "strftime('%Y-%m-%d', ts, 'unixepoch', 'localtime')"
    static let hourExpression = "CAST(strftime('%H', ts, 'unixepoch', 'localtime') AS INTEGER)"
}
