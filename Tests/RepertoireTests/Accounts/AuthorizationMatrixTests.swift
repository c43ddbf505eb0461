import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Walks the whole access table: every protected route, for a visitor and for each role.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Who: CustomStringConvertible {
        case visitor
        case role(Role)
        var description: String {
            switch self {
            case .visitor: "visitor"
            case .role(let role): role.rawValue
            }
        }
    }

    @Test("each role × each protected route: allowed, or refused the right way")
    func matrix() async throws {
        let database = try await Database.open(.sqliteMemory, logger: TestDatabases.logger)
        try await Migrator.migrate(database, logger: TestDatabases.logger)
        try await ReferenceStore(database: database).upsertMunicipalities(Fixtures.municipalities)
        let catalog = try await ReferenceStore(database: database).catalog()
        let enterprise = try await EnterpriseStore(database: database).create(try Fixtures.complete().validated(using: catalog).0)
        var configuration = Configuration()
        configuration.database = .sqliteMemory
        configuration.bcryptCost = 4
        let directory = DirectoryService(database: database, logger: TestDatabases.logger)
        try await directory.loadIndex()
        let table = AccessTable()
        let accounts = AccountService(database: database, mail: MemoryMailQueue(), baseURL: "http://127.0.0.1", bcryptCost: 4)
        let router = try await buildRouter(configuration, database: database, directory: directory, accounts: accounts, access: table)
        let environment = TestEnvironment(database: database, mail: MemoryMailQueue())
        let someone = try await environment.createUser([.buyer], municipality: "58227")

        let rules = table.rules
        #expect(rules.count >= 12, "the access table lists the protected routes")
        let everyone: [Who] = [.visitor] + Role.allCases.map { .role($0) }
        let checked = try await Application(router: router, logger: TestDatabases.logger).test(.router) { client in
            var checked = 0
            for rule in rules {
                let path = "/" + rule.path.split(separator: "/").map { part -> String in
                    guard part.hasPrefix(":") else { return String(part) }
                    return rule.path.contains("utilisateurs") ? someone.id : enterprise.id
                }.joined(separator: "/")
                for who in everyone {
                    var headers: HTTPFields = [:]
                    var body = ByteBuffer()
                    if case .role(let role) = who {
                        // A fresh user per request: some allowed posts end the session they use.
                        let user = try await environment.signedIn([role], regions: role == .hubEditor ? ["16"] : [],
                                                                  municipality: role == .buyer ? "58227" : nil,
                                                                  enterprise: role == .representative ? enterprise.id : nil)
                        if rule.isAPI {
                            let (_, secret) = try await accounts.createToken(Identity(user: user.user, credential: .apiToken(id: "x")), name: "matrice", client: "test")
                            headers[.authorization] = "Bearer \(secret)"
                            headers[.contentType] = "application/json"
                            body = ByteBuffer(string: "{}")
                        } else {
                            headers = user.formHeaders
                            body = user.form([])
                        }
                    } else if rule.method == .post {
                        headers[.contentType] = rule.isAPI ? "application/json" : "application/x-www-form-urlencoded"
                    }
                    let allowed: Bool
                    if case .role(let role) = who { allowed = rule.permission.roles.contains(role) } else { allowed = false }
                    try await client.execute(uri: path, method: rule.method, headers: headers, body: body) { response in
                        let location = response.headers[.location] ?? ""
                        let context = "\(rule.method) \(rule.path) as \(who) (\(rule.permission.rawValue)): \(response.status.code) \(location)"
                        if allowed {
                            #expect(response.status != .unauthorized && response.status != .forbidden && !location.hasPrefix("/connexion?retour="), "\(context)")
                            #expect(response.status.code < 500, "\(context)")
                        } else if case .visitor = who {
                            if rule.isAPI {
                                #expect(response.status == .unauthorized, "\(context)")
                                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(context)")
                            } else {
                                #expect(response.status == .seeOther && location.hasPrefix("/connexion?retour="), "\(context)")
                            }
                        } else {
                            #expect(response.status == .forbidden, "\(context)")
                        }
                    }
                    checked += 1
                }
            }
            return checked
        }
        #expect(checked == rules.count * everyone.count)

        // Personal tokens are for the API: on every web route, with a CSRF cookie/field pair of
        // the caller's choice, a token is never allowed, whatever its owner's roles.
        let webRules = rules.filter { !$0.isAPI }
        let chosen = String(repeating: "c", count: 43)
        let refused = try await Application(router: router, logger: TestDatabases.logger).test(.router) { client in
            var refused = 0
            for rule in webRules {
                let path = "/" + rule.path.split(separator: "/").map { part -> String in
                    guard part.hasPrefix(":") else { return String(part) }
                    return rule.path.contains("utilisateurs") ? someone.id : enterprise.id
                }.joined(separator: "/")
                for role in Role.allCases {
                    let user = try await environment.createUser([role], regions: role == .hubEditor ? ["16"] : [],
                                                                municipality: role == .buyer ? "58227" : nil,
                                                                enterprise: role == .representative ? enterprise.id : nil)
                    let (_, secret) = try await accounts.createToken(Identity(user: user, credential: .apiToken(id: "x")), name: "matrice", client: "test")
                    let headers: HTTPFields = [.authorization: "Bearer \(secret)", .cookie: "\(CSRF.cookie)=\(chosen)",
                                               .contentType: "application/x-www-form-urlencoded"]
                    try await client.execute(uri: path, method: rule.method, headers: headers,
                                             body: TestEnvironment.encode([("_csrf", chosen)])) { response in
                        let location = response.headers[.location] ?? ""
                        #expect(response.status == .seeOther && location.hasPrefix("/connexion?retour="),
                                "\(rule.method) \(rule.path) with a \(role.rawValue)'s token: \(response.status.code) \(location)")
                    }
                    refused += 1
                }
            }
            return refused
        }
        #expect(refused == webRules.count * Role.allCases.count)
        await database.close()
    }

    @Test("the permissions give each role what the issue says")
    func permissions() {
        let buyer = User(id: "b", email: "b@x.ca", name: "B", roles: [.buyer], municipalityCode: "58227")
        #expect(buyer.has(.viewPersonalData) && !buyer.has(.editEnterprises) && !buyer.has(.viewAudit))
        let editor = User(id: "e", email: "e@x.ca", name: "E", roles: [.hubEditor], regions: ["16"])
        #expect(editor.mayEdit(regionCode: "16") && !editor.mayEdit(regionCode: "04") && !editor.mayEdit(regionCode: nil))
        #expect(editor.has(.inviteUsers) && !editor.has(.manageUsers))
        let admin = User(id: "a", email: "a@x.ca", name: "A", roles: [.admin])
        #expect(admin.mayEdit(regionCode: "04") && admin.has(.manageUsers) && admin.has(.viewAudit))
        let representative = User(id: "r", email: "r@x.ca", name: "R", roles: [.representative], enterpriseID: "ent-1")
        #expect(representative.maySeePersonalData(ofEnterprise: "ent-1") && !representative.maySeePersonalData(ofEnterprise: "ent-2"))
        #expect(!representative.has(.viewPersonalData) && representative.has(.proposeChanges))
        var inactive = admin
        inactive.isActive = false
        #expect(!inactive.has(.account) && !inactive.mayEdit(regionCode: "16"))
    }
}
