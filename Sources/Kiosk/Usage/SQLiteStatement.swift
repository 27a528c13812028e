import CSQLite

/// A value read from or bound to SQLite.
enum SQLiteValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var int: Int? {
        switch self {
        case .integer(let value): Int(value)
        case .real(let value): Int(value)
        case .text(let value): Int(value)
        case .null: nil
        }
    }

    var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text(let value): Double(value)
        case .null: nil
        }
    }

    var string: String? {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .null: nil
        }
    }
}

/// A prepared statement, finalized in `deinit`.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws(UsageStoreError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw UsageStoreError(code: code, message: connection.lastMessage + " in: " + sql)
        }
        self.handle = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters, in order.
    func bind(_ values: [SQLiteValue]) throws(UsageStoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let integer): code = sqlite3_bind_int64(handle, index, integer)
            case .real(let real): code = sqlite3_bind_double(handle, index, real)
            case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
            }
            guard code == SQLITE_OK else { throw UsageStoreError(code: code, message: connection.lastMessage) }
        }
    }

    /// Advances to the next row: true when there is one, false when done.
    func step() throws(UsageStoreError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw UsageStoreError(code: code, message: connection.lastMessage)
        }
    }

    /// Ends the current run: an unfinished SELECT would otherwise hold a read transaction,
    /// and checkpoints could never shrink the WAL.
    func reset() {
        sqlite3_reset(handle)
    }

    /// Binds `values`, runs to completion.
    func run(_ values: [SQLiteValue]) throws(UsageStoreError) {
        try bind(values)
        defer { reset() }
        while try step() {}
    }

    /// The current row's columns.
    func row() -> [SQLiteValue] {
        (0..<sqlite3_column_count(handle)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column))
            case SQLITE_NULL: .null
            default: .text(sqlite3_column_text(handle, column).map { String(cString: $0) } ?? "")
            }
        }
    }
}
