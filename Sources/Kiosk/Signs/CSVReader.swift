/// A small RFC 4180 CSV reader that remembers on which line each record starts, so catalogue
/// errors can name the line a person sees in a text editor or spreadsheet.
///
/// Accepts what spreadsheets write: `,` separators, fields in double quotes with `""` for a
/// quote and line breaks inside quotes, CRLF or LF line ends, a UTF-8 byte-order mark, and a
/// missing final line break. Blank lines are skipped.
public enum CSVReader {
    /// One record: its fields and the (1-based) line where it starts.
    public struct Record: Sendable, Equatable {
        public let fields: [String]
        public let line: Int
    }

    /// A syntax error (an unterminated quote, text after a closing quote).
    public struct SyntaxError: Error, Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// The records of `text`, or the first syntax error.
    public static func parse(_ text: String) -> Result<[Record], SyntaxError> {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var i = 0
        var fieldStarted = false  // something (even "") was read for the current record

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRecord() {
            let isBlank = fields.count == 1 && fields[0].isEmpty
            if !isBlank { records.append(Record(fields: fields, line: recordLine)) }
            fields = []
            fieldStarted = false
        }

        while i < scalars.count {
            let c = scalars[i]
            if !fieldStarted { recordLine = line; fieldStarted = true }
            if c == "\"" && field.isEmpty {
                // A quoted field: read to the closing quote.
                let quoteLine = line
                i += 1
                var closed = false
                while i < scalars.count {
                    let q = scalars[i]
                    if q == "\"" {
                        if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                            field.append("\"")
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if q == "\n" { line += 1 }
                    if q == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                        field.append("\r")
                        field.append("\n")
                        line += 1
                        i += 2
                        continue
                    }
                    field.append(q)
                    i += 1
                }
                guard closed else {
                    return .failure(SyntaxError(line: quoteLine, message: "a quoted field is never closed (a \" is missing)"))
                }
                if i < scalars.count, scalars[i] != ",", scalars[i] != "\n", scalars[i] != "\r" {
                    return .failure(SyntaxError(line: line, message: "text after a closing quote (write \"\" for a quote inside a quoted field)"))
                }
                continue
            }
            switch c {
            case ",":
                endField()
                i += 1
            case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n":
                endField(); endRecord()
                line += 1
                i += 2
            case "\n", "\r":
                endField(); endRecord()
                line += 1
                i += 1
            default:
                field.append(c)
                i += 1
            }
        }
        if fieldStarted {
            endField()
            endRecord()
        }
        return .success(records)
    }
}
