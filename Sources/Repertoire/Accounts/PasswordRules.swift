import Foundation

/// What a new password must satisfy. bcrypt reads at most 72 bytes, so longer passwords are
/// refused rather than silently cut.
enum PasswordRules {
    static let minimumLength = 10
    static let maximumBytes = 72

    /// The problem with a new password, in French, or nil when it is acceptable.
    static func problem(_ password: String, confirmation: String?, email: String) -> String? {
        if password.count < minimumLength {
            return "Le mot de passe doit compter au moins \(minimumLength) caractères."
        }
        if password.utf8.count > maximumBytes {
            return "Le mot de passe est trop long (au plus \(maximumBytes) octets, soit environ 70 caractères)."
        }
        if password.trimmingCharacters(in: .whitespaces).isEmpty || Set(password).count < 4 {
            return "Le mot de passe est trop simple : variez les caractères."
        }
        let localPart = email.split(separator: "@").first.map { $0.lowercased() } ?? ""
        if password.lowercased() == email.lowercased() || (localPart.count >= 4 && password.lowercased().contains(localPart)) {
            return "Le mot de passe ne doit pas contenir votre adresse courriel."
        }
        if let confirmation, confirmation != password {
            return "Les deux mots de passe ne sont pas identiques."
        }
        return nil
    }
}
