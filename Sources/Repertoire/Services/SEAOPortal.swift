import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The weekly files of SEAO on Données Québec, found through the portal's CKAN API
/// (`package_show` of the SEAO dataset: each file is a resource with its own id and address,
/// never built by hand). On Mondays (Quebec time) the job imports the weekly files newer than the
/// newest already imported, or, on a first run, the newest only.
struct SEAOPortal: Sendable {
    /// `https://www.donneesquebec.ca/recherche/api/3/action/package_show?id=…`.
    let packageURL: String
    let tenders: TenderService
    /// Read at each run: tests set a Monday.
    var now: @Sendable () -> Date = { Date() }

    struct Resource: Sendable, Equatable {
        var url: String
        /// The week's last day, from the file's name (`hebdo_20260720_20260726.json`).
        var periodEnd: String
    }

    struct PortalError: Error, CustomStringConvertible {
        var description: String
    }

    /// The weekly files the package lists, oldest first.
    static func weeklyResources(_ json: Data) throws -> [Resource] {
        struct Package: Decodable {
            struct Result: Decodable {
                struct Resource: Decodable { var url: String?; var name: String? }
                var resources: [Resource]
            }
            var success: Bool?
            var result: Result?
        }
        let package: Package
        do { package = try JSONDecoder().decode(Package.self, from: json) } catch {
            throw PortalError(description: "réponse du portail illisible : ce n'est pas une réponse package_show de CKAN")
        }
        guard package.success != false, let result = package.result else { throw PortalError(description: "le portail a refusé la demande (success = false)") }
        return result.resources.compactMap { resource -> Resource? in
            guard let url = resource.url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
            let names = [resource.name ?? "", (url as NSString).lastPathComponent]
            for name in names {
                if let match = name.firstMatch(of: /^hebdo_(\d{8})_(\d{8})\.json$/) { return Resource(url: url, periodEnd: String(match.output.2)) }
            }
            return nil
        }.sorted { ($0.periodEnd, $0.url) < ($1.periodEnd, $1.url) }
    }

    /// What a run does: nothing but on Mondays; then the files to import and their imports.
    func run() async throws -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = QuebecTime.timeZone
        guard calendar.component(.weekday, from: now()) == 2 else { return 0 }
        return try await importNew()
    }

    /// Imports the weekly files newer than the newest imported (the newest only, the first time).
    func importNew() async throws -> Int {
        guard let address = URL(string: packageURL) else { throw PortalError(description: "adresse du portail invalide : \(packageURL)") }
        let (data, response) = try await URLSession.shared.data(from: address)
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            throw PortalError(description: "le portail a répondu \(http.statusCode)")
        }
        let resources = try Self.weeklyResources(data)
        let imported = try await tenders.imports(limit: 1_000)
        let importedSources = Set(imported.map(\.source))
        let newest = resources.filter { importedSources.contains($0.url) }.map(\.periodEnd).max()
        let due = newest.map { last in resources.filter { $0.periodEnd > last && !importedSources.contains($0.url) } } ?? Array(resources.suffix(1))
        var count = 0
        for resource in due {
            _ = try await tenders.importSource(resource.url, now: now())
            count += 1
        }
        return count
    }
}
