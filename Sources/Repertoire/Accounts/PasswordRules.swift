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
        if isCommon(password, email: email) {
            return "Ce mot de passe est trop courant : il figure parmi les mots de passe les plus utilisés (ou n'en diffère que par des chiffres ou des symboles), et les pirates l'essaient en premier. Choisissez une phrase de passe à vous, par exemple quatre mots sans lien entre eux."
        }
        if let confirmation, confirmation != password {
            return "Les deux mots de passe ne sont pas identiques."
        }
        return nil
    }

    /// The most common passwords (ASVS 2.1.7), from `Resources/common-passwords.txt`
    /// (written by `scripts/make-common-passwords`), read once.
    static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("Resources/common-passwords.txt is missing from the bundle")
        }
        return Set(text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("# ") && !$0.isEmpty })
    }()

    /// True for a common password, the same with digits or symbols around it (`Soleil2024!`),
    /// a short run repeated (`abcabcabcabc`), or the address's own words (`tremblay.longueuil`).
    static func isCommon(_ password: String, email: String) -> Bool {
        let folded = password.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_CA"))
        if common.contains(folded) || common.contains(password.lowercased()) { return true }
        let core = folded.trimmingCharacters(in: CharacterSet.letters.inverted)
        if core.count >= 3, common.contains(core) { return true }
        // Made of one short unit repeated: 1234512345, abcabcabcabc.
        let characters = Array(folded)
        for unit in 1...5 where characters.count % unit == 0 && characters.count / unit >= 2 {
            if (0..<characters.count).allSatisfy({ characters[$0] == characters[$0 % unit] }) { return true }
        }
        // Only the words of the address (name, organisation), whatever the separators.
        let addressWords = Set(email.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        let passwordWords = folded.split(whereSeparator: { !$0.isLetter }).map(String.init)
        if !passwordWords.isEmpty, passwordWords.allSatisfy({ addressWords.contains($0) || common.contains($0) }) { return true }
        return false
    }
}
