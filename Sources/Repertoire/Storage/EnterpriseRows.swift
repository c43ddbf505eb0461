import Foundation
import SQLKit

/// Translation between ``Enterprise`` and the rows of `enterprises` and its child tables.
enum EnterpriseRows {
    static let childTables = ["enterprise_sectors", "enterprise_certifications", "offerings", "managers", "municipal_contracts"]

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    static let mainColumns = [
        "id", "slug", "name", "other_names", "neq", "legal_form", "founded_year", "status", "mission", "mission_en",
        "address", "municipality_code", "postal_code", "region_code", "latitude", "longitude", "service_area",
        "phone", "email", "website", "benefits_text", "employees", "integration_employees", "volunteers", "members",
        "people_served", "offers_to_municipalities", "last_verified", "source", "is_fictional", "version",
        "created_at", "updated_at", "archived_at",
    ]

    /// Values in the order of ``mainColumns``. `timestamp` writes a date as stored (a bulk write
    /// passes one that remembers the batch's single date).
    static func mainValues(_ e: Enterprise, timestamp: (Date) -> String = Timestamp.string(from:)) -> [any SQLExpression] {
        mainBinds(e, timestamp: timestamp).map { SQLBind($0) }
    }

    /// The values of ``mainValues(_:timestamp:)``, unwrapped.
    static func mainBinds(_ e: Enterprise, timestamp: (Date) -> String = Timestamp.string(from:)) -> [any Encodable & Sendable] {
        let p = e.profile
        return [
            e.id, e.slug, p.name, p.otherNames.isEmpty ? "[]" : json(p.otherNames), p.neq, p.legalForm.rawValue, p.foundedYear, p.status.rawValue,
            p.mission, p.missionEnglish, p.address, p.municipalityCode, p.postalCode, p.regionCode ?? "",
            p.coordinates?.latitude, p.coordinates?.longitude, serviceAreaJSON(p.serviceArea ?? ServiceArea(scope: .quebec)),
            p.phone, p.email, p.website, p.benefits.text, p.benefits.employees, p.benefits.integrationEmployees,
            p.benefits.volunteers, p.benefits.members, p.benefits.peopleServed, p.offersToMunicipalities,
            p.lastVerified, p.source, e.isFictional, e.version, timestamp(e.createdAt),
            timestamp(e.updatedAt), e.archivedAt.map(timestamp),
        ]
    }

    /// The service area as ``json(_:)`` writes it; codes of digits (all that validation lets
    /// through) are written directly, anything else goes through the encoder.
    static func serviceAreaJSON(_ area: ServiceArea) -> String {
        guard area.codes.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }) else { return json(area) }
        return "{\"codes\":[" + area.codes.map { "\"\($0)\"" }.joined(separator: ",") + "],\"scope\":\"\(area.scope.rawValue)\"}"
    }

    /// Child rows per table, in the order of each table's columns (see ``childColumns``).
    static func childRows(_ e: Enterprise) -> [String: [[any Encodable & Sendable]]] {
        let p = e.profile
        return [
            "enterprise_sectors": p.sectors.enumerated().map { [e.id, $0.element, $0.offset] },
            "enterprise_certifications": p.certifications.enumerated().map { [e.id, $0.element, $0.offset] },
            "offerings": p.offerings.enumerated().map {
                [e.id, $0.offset, $0.element.name, $0.element.description, $0.element.kind.rawValue, $0.element.offeredToMunicipalities]
            },
            "managers": p.managers.enumerated().map {
                [e.id, $0.offset, $0.element.name, $0.element.role, $0.element.email, $0.element.phone]
            },
            "municipal_contracts": p.contracts.enumerated().map {
                [e.id, $0.offset, $0.element.municipality, $0.element.year, $0.element.description, $0.element.amount]
            },
        ]
    }

    static let childColumns: [String: [String]] = [
        "enterprise_sectors": ["enterprise_id", "sector_slug", "position"],
        "enterprise_certifications": ["enterprise_id", "certification_slug", "position"],
        "offerings": ["enterprise_id", "position", "name", "description", "kind", "offered_to_municipalities"],
        "managers": ["enterprise_id", "position", "name", "role", "email", "phone"],
        "municipal_contracts": ["enterprise_id", "position", "municipality", "year", "description", "amount"],
    ]

    /// Builds an enterprise from its main row; child collections are filled by ``attachChildren``.
    static func decodeMain(_ row: any SQLRow) throws -> Enterprise {
        func string(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optString(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        func optInt(_ column: String) throws -> Int? { try row.decode(column: column, as: Int?.self) }
        let decoder = JSONDecoder()
        var profile = EnterpriseProfile(
            name: try string("name"),
            legalForm: LegalForm(rawValue: try string("legal_form")) ?? .other)
        profile.otherNames = (try? decoder.decode([OtherName].self, from: Data(try string("other_names").utf8))) ?? []
        profile.neq = try optString("neq")
        profile.foundedYear = try optInt("founded_year")
        profile.status = EnterpriseStatus(rawValue: try string("status")) ?? .active
        profile.mission = try optString("mission")
        profile.missionEnglish = try optString("mission_en")
        profile.address = try optString("address")
        profile.municipalityCode = try optString("municipality_code")
        profile.postalCode = try optString("postal_code")
        profile.regionCode = try string("region_code")
        if let latitude = try row.decode(column: "latitude", as: Double?.self),
           let longitude = try row.decode(column: "longitude", as: Double?.self) {
            profile.coordinates = Coordinates(latitude: latitude, longitude: longitude)
        }
        profile.serviceArea = try? decoder.decode(ServiceArea.self, from: Data(try string("service_area").utf8))
        profile.phone = try optString("phone")
        profile.email = try optString("email")
        profile.website = try optString("website")
        profile.benefits = CommunityBenefits(
            text: try optString("benefits_text"), employees: try optInt("employees"),
            integrationEmployees: try optInt("integration_employees"), volunteers: try optInt("volunteers"),
            members: try optInt("members"), peopleServed: try optInt("people_served"))
        profile.lastVerified = try optString("last_verified")
        profile.source = try optString("source")
        return Enterprise(
            id: try string("id"), slug: try string("slug"), profile: profile,
            isFictional: try row.decode(column: "is_fictional", as: Bool.self),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: Timestamp.date(from: try string("created_at")) ?? Date(timeIntervalSince1970: 0),
            updatedAt: Timestamp.date(from: try string("updated_at")) ?? Date(timeIntervalSince1970: 0),
            archivedAt: try optString("archived_at").flatMap(Timestamp.date(from:)))
    }

    /// Which enterprises' child rows to read.
    enum Owners {
        case all
        case ids([String])
        /// Ids after `after` (all when nil) up to `through`, inclusive: a chunk of a read in id
        /// order. A range uses the child tables' key; an IN list of 2,000 binds made the chunked
        /// load ~50 % slower than one read of everything.
        case range(after: String?, through: String)
    }

    /// Loads the child rows of the given enterprises (all of them when `ids` is nil) and attaches them.
    static func attachChildren(to enterprises: inout [Enterprise], ids: [String]?, on sql: any SQLDatabase) async throws {
        try await attachChildren(to: &enterprises, owners: ids.map(Owners.ids) ?? .all, on: sql)
    }

    /// Loads the child rows of `owners` and attaches those of `enterprises`.
    static func attachChildren(to enterprises: inout [Enterprise], owners: Owners, on sql: any SQLDatabase) async throws {
        guard !enterprises.isEmpty else { return }
        var index: [String: Int] = [:]
        for (position, enterprise) in enterprises.enumerated() { index[enterprise.id] = position }
        for table in childTables {
            var query = sql.select().column(SQLLiteral.all).from(table)
            switch owners {
            case .all: break
            case .ids(let ids): query = query.where("enterprise_id", .in, SQLBind.group(ids.map { $0 as any Encodable & Sendable }))
            case .range(let after, let through):
                if let after { query = query.where("enterprise_id", .greaterThan, SQLBind(after)) }
                query = query.where("enterprise_id", .lessThanOrEqual, SQLBind(through))
            }
            let rows = try await query.orderBy("enterprise_id").orderBy("position").all()
            for row in rows {
                let owner = try row.decode(column: "enterprise_id", as: String.self)
                guard let position = index[owner] else { continue }
                switch table {
                case "enterprise_sectors":
                    enterprises[position].profile.sectors.append(try row.decode(column: "sector_slug", as: String.self))
                case "enterprise_certifications":
                    enterprises[position].profile.certifications.append(try row.decode(column: "certification_slug", as: String.self))
                case "offerings":
                    enterprises[position].profile.offerings.append(Offering(
                        name: try row.decode(column: "name", as: String.self),
                        description: try row.decode(column: "description", as: String?.self),
                        kind: OfferingKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .service,
                        offeredToMunicipalities: try row.decode(column: "offered_to_municipalities", as: Bool.self)))
                case "managers":
                    enterprises[position].profile.managers.append(ManagerContact(
                        name: try row.decode(column: "name", as: String.self),
                        role: try row.decode(column: "role", as: String?.self),
                        email: try row.decode(column: "email", as: String?.self),
                        phone: try row.decode(column: "phone", as: String?.self)))
                default:
                    enterprises[position].profile.contracts.append(MunicipalContract(
                        municipality: try row.decode(column: "municipality", as: String.self),
                        year: try row.decode(column: "year", as: Int.self),
                        description: try row.decode(column: "description", as: String.self),
                        amount: try row.decode(column: "amount", as: Int?.self)))
                }
            }
        }
    }
}
