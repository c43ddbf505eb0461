/// The data rows of a workbook sheet, kept compactly: the text of every cell back to back in one
/// buffer rather than a `String` (and often an allocation) per cell, so that a 100,000-row sheet
/// costs about its text. Rows become ``ImportRow`` values one at a time, as they are read.
struct SheetRows: Sendable {
    private struct Row: Sendable {
        var line: Int32
        var columnCount: Int32
        /// One past the row's last cell in `cellEnds`.
        var cellsEnd: UInt32
    }

    /// Rows are padded to this many cells (the header's), as CSV rows are.
    let width: Int
    private var text: [UInt8] = []
    private var cellEnds: [UInt32] = []
    private var rows: [Row] = []

    init(width: Int) {
        self.width = width
    }

    var count: Int { rows.count }

    /// Keeps a row as the reader gives it: `cells` up to the last filled one (at most
    /// ``ImportFile/maxColumns`` + 1), `columnCount` how many the row really has. The
    /// ``XLSXReader`` limits keep lines, columns and text within 32-bit offsets.
    mutating func append(line: Int, cells: [String], columnCount: Int) {
        for cell in cells {
            text += cell.utf8
            cellEnds.append(UInt32(text.count))
        }
        rows.append(Row(line: Int32(line), columnCount: Int32(columnCount), cellsEnd: UInt32(cellEnds.count)))
    }

    /// The row at `position`. Workbooks leave trailing empty cells out: rows are padded to the
    /// header's width, and only cells with a value (or a row past the column limit) count as
    /// extra columns.
    subscript(position: Int) -> ImportRow {
        let row = rows[position]
        let first = position == 0 ? 0 : Int(rows[position - 1].cellsEnd)
        let last = Int(row.cellsEnd)
        let limit = ImportFile.maxColumns + 1
        let columnCount = Int(row.columnCount)
        let count = max(width, columnCount > limit ? columnCount : last - first)
        var cells: [String] = []
        cells.reserveCapacity(min(count, limit))
        var start = first == 0 ? 0 : Int(cellEnds[first - 1])
        for index in first..<last {
            let end = Int(cellEnds[index])
            cells.append(String(decoding: text[start..<end], as: UTF8.self))
            start = end
        }
        if cells.count < min(count, limit) { cells += Array(repeating: "", count: min(count, limit) - cells.count) }
        return ImportRow(line: Int(row.line), cells: cells, columnCount: count)
    }
}
