import Hummingbird

extension GuardedRoutes {
    /// A file upload form (`multipart/form-data`): the body is parsed, up to `maximumSize`, and
    /// its CSRF token (a text field of the form) checked before the handler runs.
    func upload(_ route: Route, maximumSize: Int,
                _ handler: @escaping @Sendable (Request, AppRequestContext, Identity, MultipartForm) async throws -> Response) {
        let permission = Self.permission(of: route)
        table.add(AccessRule(method: .post, path: route.pattern(), permission: permission, isAPI: false))
        router.post(RouterPath(route.pattern())) { request, context in
            let identity = try Self.authorize(request, context, permission, api: false)
            let form = try await MultipartForm.parse(request, maximumSize: maximumSize)
            try CSRF.verify(FormBody(fields: form.fields), request: request, context: context)
            return try await handler(request, context, identity, form)
        }
    }
}
