import Hummingbird

/// The markers of a search's results for the map page's script: where each enterprise is and
/// what its popup card shows. Public fields only: never a manager's name or contact.
struct MapMarkers: Sendable {
    struct Marker: Sendable {
        var id: String
        var name: String
        var url: String
        var position: MapPosition
        var place: String?
        var sectors: [String]
    }

    var total: Int
    var markers: [Marker]
    /// Results not on the map: beyond the cap, or with no position known, even approximate.
    var capped: Bool
    var withoutPosition: Int

    /// The first `limit` results of `query`, in the search's order, placed by `positions`.
    init(_ query: DirectoryQuery, limit: Int, context: WebContext) {
        let directory = context.directory
        var counting = query
        counting.page = 1
        counting.perPage = 1
        total = directory.search(counting).total
        let summaries = directory.searchAll(query, limit: limit)
        capped = total > summaries.count
        let positions = directory.positions.positions(summaries)
        markers = zip(summaries, positions).compactMap { summary, position in
            guard let position else { return nil }
            let region = summary.regionCode.flatMap(Region.find)?.name
            let place = [summary.municipalityName, region].compactMap { $0 }.joined(separator: ", ")
            return Marker(id: summary.id, name: summary.name, url: SiteURL.enterprise(slug: summary.slug).path(context.language),
                          position: position, place: place.isEmpty ? nil : place,
                          sectors: summary.sectors.compactMap(Sector.find).map(context.sectorName))
        }
        withoutPosition = summaries.count - markers.count
    }

    var json: ByteBuffer {
        var out = JSONOutput(capacity: 256 + markers.count * 200)
        out.beginObject()
        out.field("total", total)
        out.field("shown", markers.count)
        out.field("capped", capped)
        out.field("withoutPosition", withoutPosition)
        out.key("markers")
        out.beginArray()
        for marker in markers {
            out.beginObject()
            out.field("id", marker.id)
            out.field("name", marker.name)
            out.field("url", marker.url)
            // Six decimals: about 10 cm, more than any source knows.
            out.field("lat", (marker.position.latitude * 1e6).rounded() / 1e6)
            out.field("lon", (marker.position.longitude * 1e6).rounded() / 1e6)
            out.field("approximate", marker.position.isApproximate)
            out.field("precision", marker.position.precision.rawValue)
            out.field("place", marker.place)
            out.field("sectors", marker.sectors)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.buffer
    }
}
