/// Where enterprises work, as values of the search's `serves` facet, and the searches over it.
///
/// An enterprise's values depend on the scope of its service area, and no two scopes share a
/// value, so that counts per place are sums over disjoint sets of enterprises:
/// - all of Quebec: `qc`;
/// - regions: `r:16` for each;
/// - MRCs: `c:460` for each, and `in-r:16` for their regions;
/// - municipalities (also an enterprise without a service area, at its head office, and the
///   head office itself): `m:58007` for each, `in-c:58` for their MRCs, `in-r:16` for their regions.
///
/// So municipality X of MRC M and region R is served by `m:X`, `c:M`, `r:R` and `qc`; MRC M by
/// `in-c:M`, `c:M`, `r:R`, `qc`; region R by `in-r:R`, `r:R`, `qc`.
enum ServedPlaces {
    static let quebec = "qc"

    static func values(of profile: EnterpriseProfile, catalog: MunicipalityCatalog) -> [String] {
        guard let area = profile.serviceArea, area.scope == .quebec || !area.codes.isEmpty else {
            if let code = profile.municipalityCode { return municipalityValues([code], catalog: catalog) }
            return profile.regionCode.map { ["r:\($0)"] } ?? []
        }
        switch area.scope {
        case .quebec:
            return [quebec]
        case .regions:
            return area.codes.map { "r:\($0)" }
        case .mrcs:
            var values = area.codes.map { "c:\($0)" }
            for region in Set(area.codes.compactMap { catalog.mrc(code: $0)?.regionCode }).sorted() { values.append("in-r:\(region)") }
            return values
        case .municipalities:
            // An enterprise works in its own town too.
            let codes = area.codes + (profile.municipalityCode.map { area.codes.contains($0) ? [] : [$0] } ?? [])
            return municipalityValues(codes, catalog: catalog)
        }
    }

    private static func municipalityValues(_ codes: [String], catalog: MunicipalityCatalog) -> [String] {
        var values = codes.map { "m:\($0)" }
        var mrcs = Set<String>(), regions = Set<String>()
        for code in codes {
            guard let municipality = catalog.municipality(code: code) else { continue }
            regions.insert(municipality.regionCode)
            if let mrc = catalog.mrcCode(of: code) { mrcs.insert(mrc) }
        }
        values += mrcs.sorted().map { "in-c:\($0)" }
        values += regions.sorted().map { "in-r:\($0)" }
        return values
    }

    /// The values of enterprises serving municipality `code`.
    static func serving(municipality code: String, catalog: MunicipalityCatalog) -> Set<String> {
        var values: Set<String> = ["m:\(code)", quebec]
        if let municipality = catalog.municipality(code: code) {
            values.insert("r:\(municipality.regionCode)")
            if let mrc = catalog.mrcCode(of: code) { values.insert("c:\(mrc)") }
        }
        return values
    }

    static func serving(mrc code: String, catalog: MunicipalityCatalog) -> Set<String> {
        var values: Set<String> = ["in-c:\(code)", "c:\(code)", quebec]
        if let mrc = catalog.mrc(code: code) { values.insert("r:\(mrc.regionCode)") }
        return values
    }

    static func serving(region code: String) -> Set<String> {
        ["in-r:\(code)", "r:\(code)", quebec]
    }

    /// The most specific places chosen: municipalities, then MRCs holding none of them, then
    /// regions holding none of those. A region narrowed to one of its cities means the city.
    static func filter(regions: [String], mrcs: [String], municipalities: [String], catalog: MunicipalityCatalog) -> Set<String> {
        var values = Set<String>()
        var coveredMRCs = Set<String>(), coveredRegions = Set<String>()
        for code in municipalities {
            values.formUnion(serving(municipality: code, catalog: catalog))
            if let municipality = catalog.municipality(code: code) {
                coveredRegions.insert(municipality.regionCode)
                if let mrc = catalog.mrcCode(of: code) { coveredMRCs.insert(mrc) }
            }
        }
        for code in mrcs where !coveredMRCs.contains(code) {
            values.formUnion(serving(mrc: code, catalog: catalog))
            if let mrc = catalog.mrc(code: code) { coveredRegions.insert(mrc.regionCode) }
        }
        for code in regions where !coveredRegions.contains(code) { values.formUnion(serving(region: code)) }
        return values
    }

    /// Relevance tiers for the chosen places: the enterprises with their head office there, then
    /// those naming it in their service area, then those serving its MRC, its region, Quebec.
    static func tiers(regions: [String], mrcs: [String], municipalities: [String],
                      catalog: MunicipalityCatalog) -> [[SearchFacet: Set<String>]] {
        if !municipalities.isEmpty {
            let chosen = municipalities.compactMap(catalog.municipality(code:))
            return [
                [.municipality: Set(municipalities)],
                [.serves: Set(municipalities.map { "m:\($0)" })],
                [.serves: Set(municipalities.compactMap(catalog.mrcCode(of:)).map { "c:\($0)" })],
                [.serves: Set(chosen.map { "r:\($0.regionCode)" })],
                [.serves: [quebec]],
            ]
        }
        if !mrcs.isEmpty {
            return [
                [.mrc: Set(mrcs)],
                [.serves: Set(mrcs.flatMap { ["in-c:\($0)", "c:\($0)"] })],
                [.serves: Set(mrcs.compactMap { catalog.mrc(code: $0)?.regionCode }.map { "r:\($0)" })],
                [.serves: [quebec]],
            ]
        }
        if !regions.isEmpty {
            return [
                [.region: Set(regions)],
                [.serves: Set(regions.flatMap { ["in-r:\($0)", "r:\($0)"] })],
                [.serves: [quebec]],
            ]
        }
        return []
    }

    /// Counts per municipality, MRC and region of the enterprises serving each, from the raw
    /// counts of the `serves` facet. Lists places some enterprise names or has its head office
    /// in (not all 1,130 municipalities because one enterprise serves all of Quebec).
    static func counts(_ facets: [SearchFacet: [FacetCount]], query: DirectoryQuery,
                       catalog: MunicipalityCatalog) -> [SearchFacet: [FacetCount]] {
        var raw: [String: Int] = [:]
        for count in facets[.serves] ?? [] { raw[count.value] = count.count }
        func list(_ candidates: Set<String>, selected: [String], count: (String) -> Int) -> [FacetCount] {
            (candidates.union(selected)).map { FacetCount(value: $0, count: count($0), selected: selected.contains($0)) }
                .filter { $0.count > 0 || $0.selected }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        }
        func codes(_ prefix: String) -> Set<String> {
            Set(raw.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
        }
        // The sums of `serving(…)`'s values, without building a set per place (a results page
        // lists about a thousand municipalities' counts).
        let quebecWide = raw[quebec] ?? 0
        var regionWide: [String: Int] = [:], mrcWide: [String: Int] = [:]
        func inRegion(_ code: String) -> Int {
            if let known = regionWide[code] { return known }
            let count = raw["r:\(code)"] ?? 0
            regionWide[code] = count
            return count
        }
        func inMRC(_ code: String) -> Int {
            if let known = mrcWide[code] { return known }
            let count = raw["c:\(code)"] ?? 0
            mrcWide[code] = count
            return count
        }
        var out = facets
        out[.municipality] = list(codes("m:").union((facets[.municipality] ?? []).map(\.value)), selected: query.municipalities) { code in
            var total = (raw["m:\(code)"] ?? 0) + quebecWide
            if let municipality = catalog.municipality(code: code) { total += inRegion(municipality.regionCode) }
            if let mrc = catalog.mrcCode(of: code) { total += inMRC(mrc) }
            return total
        }
        out[.mrc] = list(codes("in-c:").union(codes("c:")).union((facets[.mrc] ?? []).map(\.value)), selected: query.mrcs) { code in
            var total = (raw["in-c:\(code)"] ?? 0) + inMRC(code) + quebecWide
            if let mrc = catalog.mrc(code: code) { total += inRegion(mrc.regionCode) }
            return total
        }
        out[.region] = list(codes("in-r:").union(codes("r:")).union((facets[.region] ?? []).map(\.value)), selected: query.regions) { code in
            (raw["in-r:\(code)"] ?? 0) + inRegion(code) + quebecWide
        }
        return out
    }
}
