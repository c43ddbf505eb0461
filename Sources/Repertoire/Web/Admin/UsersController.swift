import Foundation
import Hummingbird
import Mustache

/// `/admin/utilisateurs`: who has access. Administrators see and change everyone; hub editors
/// see the people of their regions and invite buyers and enterprise representatives there.
struct UsersController: Sendable {
    let web: WebController
    let accounts: AccountService

    struct UserRow: Sendable {
        var id: String
        var name: String
        var email: String
        var roles: String
        var attachment: String
        var status: String
        var lastSignIn: String
        var editURL: String?
    }

    struct Choice: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct InviteForm: Sendable {
        var email = ""
        var name = ""
        var roles: [Choice] = []
        var regions: [Choice] = []
        var municipality = ""
        var enterprise = ""
    }

    struct UsersPage: Sendable {
        var frame: StaffFrame
        var users: [UserRow]
        var count: Int
        var invite: InviteForm
        var link: String?
        var isAdmin: Bool
    }

    struct UserPage: Sendable {
        var frame: StaffFrame
        var id: String
        var formURL: String
        var email: String
        var name: String
        var roles: [Choice]
        var regions: [Choice]
        var municipality: String
        var enterprise: String
        var active: Bool
    }

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.users) { _, context, identity in
            try await list(context, identity, invite: blankInvite(identity.user))
        }
        routes.post(.invitations) { _, context, identity, form in
            try await invite(context, identity, form)
        }
        routes.get(.user) { _, context, identity in
            guard let user = try await accounts.accountStore.user(id: try context.parameters.require("id")) else { throw HTTPError(.notFound) }
            return try await edit(context, identity, user: user)
        }
        routes.post(.user) { _, context, identity, form in
            guard var user = try await accounts.accountStore.user(id: try context.parameters.require("id")) else { throw HTTPError(.notFound) }
            var attachments: (String?, String?) = (nil, nil)
            do {
                attachments = try await resolveAttachments(municipality: form["municipality"], enterprise: form["enterprise"])
                user.name = form["name"]
                user.roles = Set(form.all("roles").compactMap(Role.init(rawValue:)))
                user.regions = Set(form.all("regions"))
                user.municipalityCode = attachments.0
                user.enterpriseID = attachments.1
                user.isActive = form.has("active")
                guard !user.name.isEmpty else { throw AccountError("Indiquez le nom de la personne.", field: "name") }
                try await accounts.update(user, by: identity.user, client: context.clientAddress)
                return try await list(context, identity, invite: blankInvite(identity.user), notice: "Les accès de \(user.email) ont été enregistrés.")
            } catch let error as AccountError {
                return try await edit(context, identity, user: user, form: form, error: error.message)
            }
        }
    }

    private func blankInvite(_ actor: User) -> InviteForm {
        choices(InviteForm(), actor: actor, roles: [], regions: [])
    }

    private func choices(_ form: InviteForm, actor: User, roles: Set<String>, regions: Set<String>) -> InviteForm {
        var form = form
        let allowedRoles: [Role] = actor.roles.contains(.admin) ? Role.allCases : [.buyer, .representative]
        form.roles = allowedRoles.map { Choice(value: $0.rawValue, label: $0.name, selected: roles.contains($0.rawValue)) }
        form.regions = actor.roles.contains(.admin)
            ? Region.all.map { Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: regions.contains($0.code)) }
            : []
        return form
    }

    /// A municipality given by code or name, and an enterprise by its address, slug or id.
    func resolveAttachments(municipality: String, enterprise: String) async throws -> (String?, String?) {
        var code: String?
        if !municipality.isEmpty {
            // The importer's resolver: codes, accents, `St-`, `Ville (Québec)`, former names.
            switch MunicipalityResolver(catalog: web.directory.catalog).resolve(municipality) {
            case .found(let found, _): code = found.code
            case .ambiguous:
                throw AccountError("Plusieurs municipalités s'appellent « \(municipality) » : indiquez son code géographique.", field: "municipality")
            case .unknown, .indigenousCommunity:
                throw AccountError("Aucune municipalité ne s'appelle « \(municipality) » (indiquez son nom exact ou son code géographique).", field: "municipality")
            }
        }
        var enterpriseID: String?
        if !enterprise.isEmpty {
            let key = enterprise.split(separator: "/").last.map(String.init) ?? enterprise
            guard let found = try await web.directory.enterprise(key) else {
                throw AccountError("Aucune entreprise ne correspond à « \(enterprise) » (collez l'adresse de sa fiche).", field: "enterprise")
            }
            enterpriseID = found.id
        }
        return (code, enterpriseID)
    }

    func invite(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let actor = identity.user
        // Shown again on a refusal: control characters written out, never echoed raw.
        var entered = InviteForm(email: TextRules.visible(form["email"]), name: TextRules.visible(form["name"]),
                                 municipality: form["municipality"], enterprise: form["enterprise"])
        entered = choices(entered, actor: actor, roles: Set(form.all("roles")), regions: Set(form.all("regions")))
        do {
            let (municipality, enterpriseID) = try await resolveAttachments(municipality: form["municipality"], enterprise: form["enterprise"])
            let roles = Set(form.all("roles").compactMap(Role.init(rawValue:)))
            let enterpriseRegion: String?
            if let enterpriseID { enterpriseRegion = try await web.directory.enterprise(enterpriseID)?.profile.regionCode } else { enterpriseRegion = nil }
            let invitation = AccountService.Invitation(email: form["email"], name: form["name"], roles: roles, regions: Set(form.all("regions")),
                                                       municipalityCode: municipality, enterpriseID: enterpriseID)
            let (user, _) = try await accounts.invite(invitation, by: actor, municipalityRegion: municipality.flatMap { web.directory.municipality(code: $0)?.regionCode },
                                                      enterpriseRegion: enterpriseRegion, client: context.clientAddress)
            return try await list(context, identity, invite: blankInvite(actor),
                                  notice: "Invitation envoyée à \(user.email). Le lien est valide 7 jours.")
        } catch let error as AccountError {
            return try await list(context, identity, invite: entered, error: error.message, status: .unprocessableContent)
        }
    }

    /// The users an actor may see: everyone for administrators; for hub editors, the buyers and
    /// representatives of their regions.
    func visibleUsers(_ actor: User) async throws -> [User] {
        let all = try await accounts.accountStore.all()
        guard !actor.roles.contains(.admin) else { return all }
        var visible: [User] = []
        for user in all where user.roles.isSubset(of: [.buyer, .representative]) && !user.roles.isEmpty {
            var region: String?
            if let code = user.municipalityCode { region = web.directory.municipality(code: code)?.regionCode }
            if region == nil, let id = user.enterpriseID { region = try await web.directory.enterprise(id)?.profile.regionCode }
            if let region, actor.regions.contains(region) { visible.append(user) }
        }
        return visible
    }

    func list(_ context: AppRequestContext, _ identity: Identity, invite: InviteForm, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let isAdmin = identity.user.roles.contains(.admin)
        var rows: [UserRow] = []
        for user in try await visibleUsers(identity.user) {
            var attachment: [String] = []
            if !user.regions.isEmpty { attachment.append("Régions " + user.regions.sorted().joined(separator: ", ")) }
            if let code = user.municipalityCode { attachment.append(web.directory.municipality(code: code)?.name ?? code) }
            if let id = user.enterpriseID { attachment.append(try await web.directory.enterprise(id)?.profile.name ?? id) }
            let status = !user.isActive ? "désactivé" : user.hasPassword ? "actif" : "invitation en attente"
            rows.append(UserRow(id: user.id, name: user.name, email: user.email, roles: user.roleNames, attachment: attachment.joined(separator: " · "),
                                status: status, lastSignIn: StaffDates.text(user.lastSignInAt), editURL: isAdmin ? Route.user.path(user.id) : nil))
        }
        let model = UsersPage(frame: StaffFrame(web.context(.fr, context), title: "Utilisateurs", path: Route.users.path(),
                                                csrf: identity.csrfToken ?? "", notice: notice, error: error),
                              users: rows, count: rows.count, invite: invite, link: nil, isAdmin: isAdmin)
        return try web.renderer.staff(model, template: "users", status: status)
    }

    func edit(_ context: AppRequestContext, _ identity: Identity, user: User, form: FormBody? = nil, error: String? = nil) async throws -> Response {
        var enterprise = ""
        if let id = user.enterpriseID, let found = try await web.directory.enterprise(id) { enterprise = found.slug }
        let model = UserPage(
            frame: StaffFrame(web.context(.fr, context), title: "Utilisateur \(user.email)", path: Route.user.path(user.id),
                              csrf: identity.csrfToken ?? "", error: error),
            id: user.id, formURL: Route.user.path(user.id), email: user.email, name: form?["name"] ?? user.name,
            roles: Role.allCases.map { Choice(value: $0.rawValue, label: $0.name, selected: user.roles.contains($0)) },
            regions: Region.all.map { Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: user.regions.contains($0.code)) },
            municipality: form?["municipality"] ?? user.municipalityCode ?? "", enterprise: form?["enterprise"] ?? enterprise, active: user.isActive)
        return try web.renderer.staff(model, template: "user", status: error == nil ? .ok : .unprocessableContent)
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension UsersController.UserRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "name": self.name
        case "email": self.email
        case "roles": self.roles
        case "attachment": self.attachment
        case "status": self.status
        case "lastSignIn": self.lastSignIn
        case "editURL": self.editURL
        default: nil
        }
    }
}

extension UsersController.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension UsersController.InviteForm: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "email": self.email
        case "name": self.name
        case "roles": self.roles
        case "regions": self.regions
        case "municipality": self.municipality
        case "enterprise": self.enterprise
        default: nil
        }
    }
}

extension UsersController.UsersPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "users": self.users
        case "count": self.count
        case "invite": self.invite
        case "link": self.link
        case "isAdmin": self.isAdmin
        default: nil
        }
    }
}

extension UsersController.UserPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "id": self.id
        case "formURL": self.formURL
        case "email": self.email
        case "name": self.name
        case "roles": self.roles
        case "regions": self.regions
        case "municipality": self.municipality
        case "enterprise": self.enterprise
        case "active": self.active
        default: nil
        }
    }
}
