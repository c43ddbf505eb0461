import Foundation

/// Writes a real spreadsheet (Office Open XML, `.xlsx`) by hand: one sheet, the header row bold
/// and frozen, column widths, days as dates, every other value as an inline string. A string
/// cell is never evaluated, so `=cmd` stays text; cells a spreadsheet would take for a formula
/// when retyped also get Excel's "quote prefix" flag.
struct XLSXWriter {
    var sheetName: String

    /// Style indexes in `styles.xml`'s `cellXfs`.
    enum Style: Int {
        case plain = 0, header = 1, date = 2, quoted = 3
    }

    func write(_ table: ExportTable) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Self.contentTypes)
        zip.add("_rels/.rels", Self.rootRelationships)
        zip.add("xl/workbook.xml", workbook)
        zip.add("xl/_rels/workbook.xml.rels", Self.workbookRelationships)
        zip.add("xl/styles.xml", Self.styles)
        zip.add("xl/worksheets/sheet1.xml", sheet(table))
        return zip.finish()
    }

    func sheet(_ table: ExportTable) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        """
        let lastColumn = Self.columnName(max(table.headers.count, 1) - 1)
        xml += "<dimension ref=\"A1:\(lastColumn)\(table.rows.count + 1)\"/>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if !table.headers.isEmpty {
            xml += "<cols>"
            for (index, width) in table.widths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += row(1, table.headers.map { .text($0) }, header: true)
        for (index, cells) in table.rows.enumerated() {
            xml += row(index + 2, cells, header: false)
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    func row(_ number: Int, _ cells: [ExportCell], header: Bool) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            let reference = Self.columnName(index) + String(number)
            switch cell {
            case .day(let text):
                if let serial = Self.serial(day: text) {
                    xml += "<c r=\"\(reference)\" s=\"\(Style.date.rawValue)\"><v>\(serial)</v></c>"
                    continue
                }
                xml += Self.stringCell(reference, text, style: header ? .header : .plain)
            case .text(let text):
                if text.isEmpty && !header { continue }
                let style: Style = header ? .header : (CSVWriter.neutralised(text) != text ? .quoted : .plain)
                xml += Self.stringCell(reference, text, style: style)
            }
        }
        return xml + "</row>"
    }

    static func stringCell(_ reference: String, _ text: String, style: Style) -> String {
        let s = style == .plain ? "" : " s=\"\(style.rawValue)\""
        return "<c r=\"\(reference)\"\(s) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLText.escape(text))</t></is></c>"
    }

    /// `0` → `A`, `25` → `Z`, `26` → `AA`.
    static func columnName(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    /// Days since 1899-12-30, the spreadsheet epoch; nil for what is not a `YYYY-MM-DD` day.
    static func serial(day text: String) -> Int? {
        guard CalendarDay.parse(text) != nil else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return daysFromCivil(parts[0], parts[1], parts[2]) - daysFromCivil(1899, 12, 30)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }


    var workbook: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(XMLText.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// Fonts: regular, bold. Cell formats: plain, bold header, date (`yyyy-mm-dd`), quoted text.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
