extension ImportPreview {
    /// The preview with every create or update outside `regions` turned into a rejection that
    /// says why: a hub editor imports into the regions they look after, nowhere else.
    /// `regions == nil` means everywhere (administrators).
    public func restricted(toRegions regions: Set<String>?) -> ImportPreview {
        guard let regions else { return self }
        var result = ImportPreview()
        result.municipalitiesGiven = municipalitiesGiven
        result.municipalitiesResolved = municipalitiesResolved
        result.unresolvedMunicipalities = unresolvedMunicipalities
        result.municipalityListMissing = municipalityListMissing
        let allowed = regions.sorted().joined(separator: ", ")
        func refusal(_ code: String?) -> String? {
            guard let code else {
                return "la région de cette entreprise est inconnue : vous ne pouvez créer ou modifier que des entreprises de vos régions (\(allowed))."
            }
            guard !regions.contains(code) else { return nil }
            let name = Region.find(code).map { "\($0.name) (\($0.code))" } ?? code
            return "cette entreprise est dans la région \(name), hors de vos régions (\(allowed)) : vous ne pouvez ni la créer ni la modifier."
        }
        for var outcome in outcomes {
            var reason: String?
            switch outcome.action {
            case .create(let profile):
                reason = refusal(profile.regionCode)
            case .update(_, _, let profile, let changes):
                // Both where it is and where the file would move it must be the editor's.
                let before = changes.first { $0.field == .region }.map(\.before)
                reason = refusal(profile.regionCode) ?? before.flatMap { $0.isEmpty ? nil : refusal($0) }
            case .unchanged, .rejected, .skipped:
                break
            }
            if let reason {
                outcome.action = .rejected
                outcome.issues.append(ImportIssue(line: outcome.line, column: "", severity: .error, code: "region.forbidden", message: reason))
            }
            result.append(outcome)
        }
        return result
    }
}
