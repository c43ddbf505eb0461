import Hummingbird

extension GuardedRoutes {
    /// A file upload form (`multipart/form-data`): the body is parsed, up to `maximumSize`, and
    /// its CSRF token (a text field of the form) checked before the handler runs.
    func upload(_ path: String, _ permission: Permission, maximumSize: Int,
                _ handler: @escaping @Sendable (Request, AppRequestContext, Identity, MultipartForm) async throws -> Response) {
        table.add(AccessRule(method: .post, path: path, permission: permission, isAPI: false))
        router.post(RouterPath(path)) { request, context in
            let identity = try Self.authorize(request, context, permission, api: false)
            let form = try await MultipartForm.parse(request, maximumSize: maximumSize)
            try CSRF.verify(FormBody(fields: form.fields), request: request, identity: identity)
            return try await handler(request, context, identity, form)
        }
    }
}
