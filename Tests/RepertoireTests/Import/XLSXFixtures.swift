import Testing
@testable import Repertoire

/// Workbooks written by hand, part by part, the way Excel writes them: shared strings, inline
/// strings, numbers, a date, a formula with its cached value, a boolean, an error and merged cells.
enum XLSXFixtures {
    static let sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        <dimension ref="A1:G3"/><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="inlineStr"><is><t>Actif</t></is></c><c r="G1" t="inlineStr"><is><t>Contrôle</t></is></c></row>
        <row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="inlineStr"><is><t>Trois-Rivières</t></is></c><c r="C2"><v>1140139735</v></c><c r="D2" s="1"><v>45838</v></c><c r="E2" t="str"><f>LOWER("INFO@JARDINS.EXEMPLE.ORG")</f><v>info@jardins.exemple.org</v></c><c r="F2" t="b"><v>1</v></c><c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
        <row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="s"><v>7</v></c><c r="C3" s="2"/><c r="D3" s="1"><v>45900.75</v></c><c r="E3" s="1"/><c r="F3" t="b"><v>0</v></c></row>
        <row r="5" spans="1:3"><c r="A5" s="2"/></row>
        </sheetData><mergeCells count="1"><mergeCell ref="D3:E3"/></mergeCells></worksheet>
        """

    static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="8">\
        <si><t>Nom</t></si><si><t>Municipalité</t></si><si><t>NEQ</t></si><si><t>Dernière vérification</t></si><si><t>Courriel</t></si>\
        <si><r><rPr><b/></rPr><t xml:space="preserve">Coopérative Les Jardins </t></r><r><t>du Fleuve &amp; fils</t></r><rPh><t>ふりがな</t></rPh></si>\
        <si><t>Friperie Trifluvienne</t></si><si><t>trois-rivières</t></si></sst>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="165" formatCode="&quot;Code &quot;0"/></numFmts>\
        <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="165"/></cellXfs></styleSheet>
        """

    static let workbookXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="Entreprises" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>
        """

    static let relationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>\
        </Relationships>
        """

    static let notes = """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="2"><c r="B2" t="inlineStr"><is><t>Nom</t></is></c><c r="C2" t="inlineStr"><is><t>Ville</t></is></c></row>\
        <row r="3"><c r="B3" t="inlineStr"><is><t>Atelier Mékinac</t></is></c><c r="C3" t="inlineStr"><is><t>Saint-Roch-de-Mékinac</t></is></c></row>\
        </sheetData></worksheet>
        """

    static func workbook(sheet: String = sheet, sharedStrings: String = sharedStrings) -> [UInt8] {
        workbook(sharedStrings: sharedStrings) { $0.add("xl/worksheets/sheet1.xml", sheet) }
    }

    /// The workbook above, its first sheet added by `addSheet` (deflated by hand, say).
    static func workbook(sharedStrings: String = sharedStrings, addingSheet addSheet: (inout ZipWriter) -> Void) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", XLSXWriter.contentTypes)
        zip.add("_rels/.rels", XLSXWriter.rootRelationships)
        zip.add("xl/workbook.xml", workbookXML)
        zip.add("xl/_rels/workbook.xml.rels", relationships)
        zip.add("xl/styles.xml", styles)
        zip.add("xl/sharedStrings.xml", sharedStrings)
        addSheet(&zip)
        zip.add("xl/worksheets/sheet2.xml", notes)
        return zip.finish()
    }

    /// A "zip bomb" sheet: `megabytes` MB of one row repeated, raw-deflated as one stream
    /// (about 1,000 to 1) without ever being held whole. Its CRC is not computed.
    static func bombSheet(megabytes: Int) throws -> (deflated: [UInt8], size: Int) {
        let head = Array("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".utf8)
        let row = "<row><c t=\"inlineStr\"><is><t>Coopérative de solidarité</t></is></c></row>"
        let block = Array(String(repeating: row, count: 1_000_000 / row.utf8.count).utf8)
        let tail = Array("</sheetData></worksheet>".utf8)
        let repeats = megabytes * 1_000_000 / block.count
        let pieces = [head] + repeatElement(block, count: repeats) + [tail]
        let deflated = try #require(ZipWriter.deflate(pieces: pieces))
        return (deflated, head.count + repeats * block.count + tail.count)
    }

    /// A sheet with a header row and one row whose B2 cell holds `text`.
    static func sheet(withCell text: String) -> String {
        """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c><c r="B1" t="inlineStr"><is><t>Description</t></is></c></row>\
        <row r="2"><c r="A2" t="inlineStr"><is><t>Friperie</t></is></c><c r="B2" t="inlineStr"><is><t>\(text)</t></is></c></row>\
        </sheetData></worksheet>
        """
    }

    /// A sheet whose second row has 2,000 cells.
    static func wideSheet() -> String {
        var row = ""
        for index in 0..<2_000 { row += "<c r=\"\(XLSXWriter.columnName(index))2\" t=\"inlineStr\"><is><t>v\(index)</t></is></c>" }
        return """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c><c r="B1" t="inlineStr"><is><t>Ville</t></is></c></row>\
            <row r="2">\(row)</row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>Friperie Trifluvienne</t></is></c><c r="B3" t="inlineStr"><is><t>Trois-Rivières</t></is></c></row>\
            </sheetData></worksheet>
            """
    }
}
