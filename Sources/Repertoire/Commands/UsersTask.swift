import Foundation
import Logging

/// `repertoire users …`: the first administrator, and a look at who has access.
public enum UsersTask {
    /// Creates (or re-invites) a user and returns the set-password link to hand them. The
    /// invitation email is also queued in the outbox; the server delivers it when it runs.
    public static func create(email: String, name: String?, roles: [String], regions: [String], municipality: String?,
                              configuration: Configuration, mail: (any MailQueue)? = nil, logger: Logger) async throws -> String {
        var parsed: Set<Role> = []
        for role in roles {
            guard let value = Role(rawValue: role) else {
                throw Tasks.Refusal(description: "Unknown role '\(role)': use \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            parsed.insert(value)
        }
        let wanted = parsed
        return try await withMigratedDatabase(configuration.database, logger: logger) { database in
            let accounts = AccountService(database: database, mail: mail ?? OutboxMailQueue(), baseURL: configuration.publicBaseURL,
                                          bcryptCost: configuration.bcryptCost)
            let invitation = AccountService.Invitation(email: email, name: name ?? email.split(separator: "@").first.map(String.init) ?? email,
                                                       roles: wanted, regions: Set(regions), municipalityCode: municipality)
            do {
                let (user, link) = try await accounts.invite(invitation, by: nil, actorLabel: "L'administration de Répertoire", municipalityRegion: nil,
                                                             enterpriseRegion: nil, client: "ligne de commande")
                return """
                    User \(user.email) (\(user.roles.sorted().map(\.rawValue).joined(separator: ", "))) is ready.
                    Open this link within 7 days to choose the password (it works once):
                    \(link)

                    """
            } catch let error as AccountError {
                throw Tasks.Refusal(description: error.message)
            }
        }
    }

    /// Creates a personal API token for an existing user and returns its secret (shown once):
    /// for scripts and the contract check, which acts as a buyer with one.
    public static func token(email: String, name: String, configuration: Configuration, logger: Logger) async throws -> String {
        try await withMigratedDatabase(configuration.database, logger: logger) { database in
            guard let user = try await AccountStore(database: database).user(email: email.lowercased()), user.isActive else {
                throw Tasks.Refusal(description: "No active user '\(email)': create them first with `repertoire users create`.")
            }
            let accounts = AccountService(database: database, mail: OutboxMailQueue(), baseURL: configuration.publicBaseURL, bcryptCost: configuration.bcryptCost)
            do {
                let (_, secret) = try await accounts.createToken(Identity(user: user, credential: .session(id: "cli", csrfToken: "")), name: name, client: "ligne de commande")
                return secret + "\n"
            } catch let error as AccountError {
                throw Tasks.Refusal(description: error.message)
            }
        }
    }

    public static func list(configuration: Configuration, logger: Logger) async throws -> String {
        try await withMigratedDatabase(configuration.database, logger: logger) { database in
            let users = try await AccountStore(database: database).all()
            guard !users.isEmpty else { return "No user yet: create the first administrator with `repertoire users create --email … --role admin`.\n" }
            return users.map { user in
                let state = !user.isActive ? "deactivated" : user.hasPassword ? "active" : "invited"
                return "\(user.email)\t\(user.roles.sorted().map(\.rawValue).joined(separator: ","))\t\(user.regions.sorted().joined(separator: ","))\t\(state)"
            }.joined(separator: "\n") + "\n"
        }
    }
}
