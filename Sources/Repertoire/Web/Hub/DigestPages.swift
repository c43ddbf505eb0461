import Foundation

/// The digest's pages: the subscription form (a visitor's, or a signed-in person's on their
/// account), the confirmation of the e-mailed link, and the unsubscribe page.
enum DigestPages {
    struct FormState {
        var input: DigestService.Input
        var issues: [FieldIssue] = []
        var notice: String?
        var csrf: String
        /// The signed-in person's page: no address to type, and an « unsubscribe » button.
        var account: DigestSubscription?? = nil
    }

    private static func fields(_ w: inout HTMLWriter, _ state: FormState, web: WebContext) {
        let fields = FormFields(issues: state.issues, web: web)
        fields.radios(&w, "frequence", web.tr("Fréquence", "Frequency"),
                      options: DigestSubscription.Frequency.allCases.map { ($0.rawValue, web.tr($0.name, $0.nameEnglish)) }, selected: state.input.frequency)
        fields.checkboxes(&w, "regions", web.tr("Régions (aucune : tout le Québec)", "Regions (none: all of Quebec)"),
                          options: Region.all.map { ($0.code, $0.name) }, checked: state.input.regions)
    }

    static func subscribe(_ state: FormState, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 8192)
        w.markup("<div class=\"hub\"><p><a href=\""); w.text(Route.hub.path(language: web.language)); w.markup("\">← <span lang=\"fr\">"); w.text(HubPages.title)
        w.markup("</span></a></p><h1>"); w.text(web.tr("Recevoir le résumé J'achète!", "Get the J'achète! digest")); w.markup("</h1><p>")
        w.text(web.tr("Chaque semaine ou chaque mois : les nouvelles entreprises de vos régions, les exemples de collaboration, les nouvelles et les formations à venir. Un courriel vous demandera de confirmer ; chaque résumé permet de se désabonner en un clic.",
                      "Every week or every month: the new enterprises of your regions, collaboration stories, news and upcoming trainings. An e-mail asks you to confirm; every digest lets you unsubscribe in one click."))
        w.markup("</p>")
        if let notice = state.notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        let form = FormFields(issues: state.issues, web: web)
        form.summary(&w, "L'abonnement n'est pas enregistré : corrigez ce qui suit.", "The subscription is not saved: fix the following.")
        w.markup("<form method=\"post\" action=\""); w.text(Route.hubDigest.path()); w.markup("\" class=\"staff-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        w.text(state.csrf); w.markup("\"><input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue); w.markup("\">")
        form.input(&w, "courriel", web.tr("Courriel", "E-mail"), value: state.input.email, type: "email", maxLength: 200, required: true)
        fields(&w, state, web: web)
        w.markup("<p><button type=\"submit\">"); w.text(web.tr("M'abonner", "Subscribe")); w.markup("</button></p></form><p class=\"hint\">")
        w.text(web.tr("Votre adresse ne sert qu'à l'envoi du résumé ; elle n'est ni affichée ni partagée.", "Your address is used only to send the digest; it is neither shown nor shared."))
        w.markup("</p><p>"); w.text(web.tr("Vous avez un compte ? ", "Have an account? ")); w.markup("<a href=\""); w.text(Route.accountDigest.path())
        w.markup("\">"); w.text(web.tr("Gérez le résumé depuis votre compte.", "Manage the digest from your account.")); w.markup("</a></p></div>")
        return w.result
    }

    static func account(_ state: FormState, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 8192)
        let current = state.account ?? nil
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.account.path()); w.markup("\">← "); w.text(web.tr("Mon compte", "My account"))
        w.markup("</a></p><h1>"); w.text(web.tr("Résumé J'achète! par courriel", "J'achète! digest by e-mail")); w.markup("</h1>")
        if let notice = state.notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        w.markup("<p>")
        if let current, current.status == .active {
            w.text(web.tr("Abonnement actif : résumé \(current.frequency.name.lowercased()), envoyé à \(current.email).",
                          "Active subscription: \(current.frequency.nameEnglish.lowercased()) digest, sent to \(current.email)."))
        } else {
            w.text(web.tr("Pas d'abonnement. Le résumé sera envoyé à l'adresse de votre compte, sans confirmation à faire.",
                          "No subscription. The digest will be sent to your account's address, with nothing to confirm."))
        }
        w.markup("</p>")
        FormFields(issues: state.issues, web: web).summary(&w, "L'abonnement n'est pas enregistré : corrigez ce qui suit.", "The subscription is not saved: fix the following.")
        w.markup("<form method=\"post\" action=\""); w.text(Route.accountDigest.path()); w.markup("\" class=\"staff-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        w.text(state.csrf); w.markup("\"><input type=\"hidden\" name=\"action\" value=\"abonner\">")
        fields(&w, state, web: web)
        w.markup("<p><button type=\"submit\">"); w.text(current?.status == .active ? web.tr("Enregistrer", "Save") : web.tr("M'abonner", "Subscribe")); w.markup("</button></p></form>")
        if current?.status == .active {
            w.markup("<form method=\"post\" action=\""); w.text(Route.accountDigest.path()); w.markup("\" class=\"staff-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
            w.text(state.csrf); w.markup("\"><input type=\"hidden\" name=\"action\" value=\"desabonner\"><p><button type=\"submit\" class=\"secondary\">")
            w.text(web.tr("Me désabonner", "Unsubscribe")); w.markup("</button></p></form>")
        }
        w.markup("</div>")
        return w.result
    }

    /// The e-mailed link's page: a button confirms (a mail scanner following the link confirms nothing).
    static func confirm(_ subscription: DigestSubscription?, token: String, csrf: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 1024)
        w.markup("<div class=\"hub\"><h1>"); w.text(web.tr("Confirmer l'abonnement", "Confirm the subscription")); w.markup("</h1>")
        if let subscription, subscription.status == .active {
            w.markup("<p class=\"notice\" role=\"status\">")
            w.text(web.tr("C'est confirmé : \(subscription.email) recevra le résumé \(subscription.frequency.name.lowercased()) J'achète!.",
                          "Confirmed: \(subscription.email) will receive the \(subscription.frequency.nameEnglish.lowercased()) J'achète! digest."))
            w.markup("</p><p><a href=\""); w.text(Route.hub.path(language: web.language)); w.markup("\">← <span lang=\"fr\">"); w.text(HubPages.title); w.markup("</span></a></p></div>")
            return w.result
        }
        w.markup("<p>"); w.text(web.tr("Recevoir le résumé à l'adresse \(subscription?.email ?? "") ?", "Receive the digest at \(subscription?.email ?? "")?"))
        w.markup("</p><form method=\"post\" action=\""); w.text(Route.hubDigestConfirm.path()); w.markup("\" class=\"staff-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        w.text(csrf); w.markup("\"><input type=\"hidden\" name=\"jeton\" value=\""); w.text(token); w.markup("\"><input type=\"hidden\" name=\"langue\" value=\"")
        w.text(web.language.rawValue); w.markup("\"><p><button type=\"submit\">"); w.text(web.tr("Confirmer", "Confirm")); w.markup("</button></p></form></div>")
        return w.result
    }

    static func unsubscribe(_ subscription: DigestSubscription, token: String, csrf: String, done: Bool, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 1024)
        w.markup("<div class=\"hub\"><h1>"); w.text(web.tr("Se désabonner du résumé", "Unsubscribe from the digest")); w.markup("</h1>")
        if done || subscription.status == .unsubscribed {
            w.markup("<p class=\"notice\" role=\"status\">"); w.text(web.tr("\(subscription.email) ne recevra plus le résumé J'achète!.", "\(subscription.email) will no longer receive the J'achète! digest."))
            w.markup("</p></div>")
            return w.result
        }
        w.markup("<p>"); w.text(web.tr("Ne plus envoyer le résumé à \(subscription.email) ?", "Stop sending the digest to \(subscription.email)?"))
        w.markup("</p><form method=\"post\" action=\""); w.text(Route.hubDigestUnsubscribe.path()); w.markup("\" class=\"staff-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        w.text(csrf); w.markup("\"><input type=\"hidden\" name=\"abonnement\" value=\""); w.text(subscription.id); w.markup("\"><input type=\"hidden\" name=\"jeton\" value=\"")
        w.text(token); w.markup("\"><input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue); w.markup("\"><p><button type=\"submit\">")
        w.text(web.tr("Me désabonner", "Unsubscribe")); w.markup("</button></p></form></div>")
        return w.result
    }
}
