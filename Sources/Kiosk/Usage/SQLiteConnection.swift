import CSQLite

/// One SQLite connection. Not shared between threads: the `UsageLog` writer owns one, each
/// report opens its own.
final class SQLiteConnection {
    let handle: OpaquePointer

    /// Opens (creating when `create`) the database at `path` (":memory:" for a temporary one).
    init(path: String, readOnly: Bool = false, create: Bool = true) throws(UsageStoreError) {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw UsageStoreError(code: code, message: "\(path): \(message)")
        }
        handle = db
        sqlite3_busy_timeout(db, 5000)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws(UsageStoreError) {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        if code != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw UsageStoreError(code: code, message: message)
        }
    }

    func prepare(_ sql: String) throws(UsageStoreError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Runs `sql` with `values` bound and returns every row.
    func rows(_ sql: String, _ values: [SQLiteValue] = []) throws(UsageStoreError) -> [[SQLiteValue]] {
        let statement = try prepare(sql)
        try statement.bind(values)
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }

    /// Runs `sql` with `values` bound, ignoring rows.
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws(UsageStoreError) {
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() {}
    }

    /// The first column of the first row, or nil.
    func scalar(_ sql: String, _ values: [SQLiteValue] = []) throws(UsageStoreError) -> SQLiteValue? {
        try rows(sql, values).first?.first
    }

    /// Runs `body` in one transaction, rolled back when it throws.
    func transaction<T>(_ body: () throws(UsageStoreError) -> T) throws(UsageStoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
}
