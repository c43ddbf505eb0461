import Hummingbird
import NIOCore

/// The search answer (`GET /api/v1/enterprises`) written by hand: the same JSON as
/// `JSONCoding.response(SearchPageDTO(page, catalog:))` — same keys in the same (sorted) order,
/// same values, optional fields left out when nil — without building the DTOs or going through
/// `JSONEncoder`, which was the largest cost of a search request (issue #3). `SearchPageDTO`
/// stays the definition of the format; a test compares both over the demo data.
enum SearchPageJSON {
    static func response(_ page: DirectoryPage, catalog: MunicipalityCatalog) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes(page, catalog: catalog)))
    }

    static func bytes(_ page: DirectoryPage, catalog: MunicipalityCatalog) -> ByteBuffer {
        // ~1.3 KB a result with highlights: one allocation for most pages.
        var out = JSONOutput(capacity: 4_096 + 1_536 * page.items.count)
        out.beginObject()
        out.key("facets")
        writeFacets(page, catalog: catalog, &out)
        if let found = page.interpretation {
            out.key("interpretation")
            out.beginObject()
            out.field("matchedText", found.matchedText)
            out.key("place")
            out.beginObject()
            out.field("code", found.place.code)
            out.field("kind", found.place.kind.name)
            out.field("name", found.place.name)
            out.endObject()
            out.field("remainingText", found.remainingText)
            out.endObject()
        }
        out.key("items")
        out.beginArray()
        for item in page.items { writeItem(item, &out) }
        out.endArray()
        if page.items.contains(where: { $0.summary.isFictional }) {
            out.field("notice", SearchPageDTO.fictionalNotice)
        }
        out.field("page", page.query.page)
        out.field("pageCount", page.pageCount)
        out.field("perPage", page.query.perPage)
        out.field("suggestions", page.suggestions)
        out.field("total", page.total)
        out.endObject()
        return out.buffer
    }

    /// Facet names in the encoder's sorted key order.
    private static let facetsByName: [(StaticString, SearchFacet)] = {
        let names: [SearchFacet: StaticString] = [
            .region: "region", .municipality: "municipality", .sector: "sector", .legalForm: "legalForm",
            .certification: "certification", .offersToMunicipalities: "offersToMunicipalities", .mrc: "mrc",
        ]
        return SearchFacet.shown.sorted { $0.rawValue < $1.rawValue }.map { (names[$0]!, $0) }
    }()

    private static func writeFacets(_ page: DirectoryPage, catalog: MunicipalityCatalog, _ out: inout JSONOutput) {
        out.beginObject()
        for (name, facet) in facetsByName {
            out.key(name)
            out.beginArray()
            for count in page.facets[facet] ?? [] {
                out.beginObject()
                out.field("count", count.count)
                out.field("label", FacetLabels.label(facet, count.value, catalog: catalog))
                out.field("selected", count.selected)
                out.field("value", count.value)
                out.endObject()
            }
            out.endArray()
        }
        out.endObject()
    }

    /// One `EnterpriseSummaryDTO`.
    private static func writeItem(_ item: DirectoryPage.Item, _ out: inout JSONOutput) {
        let s = item.summary
        out.beginObject()
        out.field("certifications", s.certifications)
        out.field("fictional", s.isFictional)
        out.key("highlight")
        out.beginObject()
        out.key("name")
        writeSegments(item.hit.nameHighlight, &out)
        if let snippet = item.hit.snippet {
            out.key("snippet")
            writeSegments(snippet, &out)
        }
        out.field("snippetSource", item.hit.snippetSource)
        out.endObject()
        out.field("id", s.id)
        out.field("keyOfferings", s.keyOfferings)
        out.field("lastVerified", s.lastVerified)
        out.field("legalForm", s.legalForm.rawValue)
        out.key("links")
        out.beginObject()
        out.field("self", APIPaths.enterprise(s.slug))
        out.endObject()
        if let code = s.municipalityCode {
            out.key("municipality")
            writeReference(code: code, name: s.municipalityName ?? code, &out)
        }
        out.field("name", s.name)
        out.field("offersToMunicipalities", s.offersToMunicipalities)
        if let region = s.regionCode.flatMap(Region.find) {
            out.key("region")
            writeReference(code: region.code, name: region.name, &out)
        }
        out.field("score", item.hit.score.isFinite ? item.hit.score : 0)
        out.field("sectors", s.sectors)
        out.field("slug", s.slug)
        out.field("status", s.status.rawValue)
        out.endObject()
    }

    private static func writeSegments(_ segments: [HighlightSegment], _ out: inout JSONOutput) {
        out.beginArray()
        for segment in segments {
            out.beginObject()
            out.field("matched", segment.matched)
            out.field("text", segment.text)
            out.endObject()
        }
        out.endArray()
    }

    /// A `ReferenceDTO` without an English name.
    private static func writeReference(code: String, name: String, _ out: inout JSONOutput) {
        out.beginObject()
        out.field("code", code)
        out.field("name", name)
        out.endObject()
    }
}
