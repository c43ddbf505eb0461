import Foundation
import Hummingbird

/// The site's CSS, script and icon, and the map library (Leaflet and its marker clusters, as
/// Debian ships them, under `leaflet/`), read once from the bundle and served with long-lived
/// cache headers: their URLs carry a content hash, so a new version gets a new URL.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var data: ByteBuffer
        var contentType: String
        var version: String
    }

    let assets: [String: Asset]

    init() throws {
        var assets: [String: Asset] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
                     "txt": "text/plain; charset=utf-8", "png": "image/png"]
        for name in ["site.css", "site.js", "icon.svg", "map.css", "map.js"] + Self.leaflet {
            let folder = name.split(separator: "/").dropLast().joined(separator: "/")
            let file = name.split(separator: "/").last.map(String.init) ?? name
            let dot = file.lastIndex(of: ".") ?? file.endIndex
            let ext = file[dot...].dropFirst()
            guard let url = Bundle.module.url(forResource: String(file[..<dot]), withExtension: String(ext),
                                              subdirectory: folder.isEmpty ? "Resources/Static" : "Resources/Static/\(folder)") else {
                throw MissingAsset(name: name)
            }
            let data = try Data(contentsOf: url)
            assets[name] = Asset(data: ByteBuffer(data: data), contentType: types[String(ext)] ?? "application/octet-stream",
                                 version: Self.hash(data))
        }
        self.assets = assets
    }

    /// Leaflet 1.7 and Leaflet.markercluster 1.5 from Debian (`libjs-leaflet`,
    /// `libjs-leaflet.markercluster`), with their licences; README says how to update them.
    static let leaflet = ["leaflet.min.js", "leaflet.css", "leaflet.markercluster.min.js", "MarkerCluster.css", "MarkerCluster.Default.css",
                          "LICENSE-leaflet.txt", "LICENSE-leaflet.markercluster.txt"].map { "leaflet/\($0)" }
        + ["layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"].map { "leaflet/images/\($0)" }

    struct MissingAsset: Error, CustomStringConvertible {
        var name: String
        var description: String { "Resources/Static/\(name) is missing from the app bundle" }
    }

    func url(for name: String) -> String {
        let parts = name.split(separator: "/").map(String.init)
        let path = switch parts.count {
        case 2: Route.leafletAsset.path(parts[1])
        case 3: Route.leafletImage.path(parts[2])
        default: Route.asset.path(name)
        }
        return path + "?v=\(assets[name]?.version ?? "0")"
    }

    /// FNV-1a: short, stable across runs (unlike Swift's hashValue).
    static func hash(_ data: Data) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return String(value, radix: 16)
    }

    /// `If-None-Match` compares weakly (RFC 9110 §13.1.2): a gzipped copy's `W/"v"` matches `"v"`.
    static func matches(ifNoneMatch values: [String], etag: String) -> Bool {
        let wanted = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        return values.flatMap { $0.split(separator: ",") }.contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == wanted
        }
    }

    func response(for name: String, request: Request) throws -> Response {
        guard let asset = assets[name] else { throw HTTPError(.notFound) }
        let etag = "\"\(asset.version)\""
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            .eTag: etag,
            .cacheControl: request.uri.queryParameters["v"] != nil ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        ]
        if Self.matches(ifNoneMatch: request.headers[values: .ifNoneMatch], etag: etag) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.data))
    }
}
