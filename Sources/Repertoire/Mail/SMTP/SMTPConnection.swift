import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP conversation over a SwiftNIO channel: write a line, wait for the reply. Every wait
/// is bounded by the timeout, after which the connection is closed.
struct SMTPConnection: Sendable {
    let channel: any Channel
    /// Held here, not looked up in the pipeline: once the channel closes the pipeline lets go of
    /// its handlers, and with them of the error that explains the close.
    private let handler: NIOLoopBound<SMTPClientHandler>
    let timeout: TimeAmount
    let timeoutSeconds: Double

    /// Connects, with TLS from the first byte when `implicitTLS` is given.
    static func connect(host: String, port: Int, timeoutSeconds: Double,
                        implicitTLS: (context: NIOSSLContext, serverHostname: String?)?) async throws -> SMTPConnection {
        let timeout = TimeAmount.milliseconds(Int64(timeoutSeconds * 1000))
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let implicitTLS {
                        try sync.addHandler(NIOSSLClientHandler(context: implicitTLS.context, serverHostname: implicitTLS.serverHostname))
                    }
                    try sync.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try sync.addHandler(SMTPClientHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw SMTPError.connect(host: host, port: port, reason: String(describing: error))
        }
        do {
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self), eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(channel: channel, handler: handler, timeout: timeout, timeoutSeconds: timeoutSeconds)
        } catch {
            throw SMTPError.connectionClosed(step: "the greeting")
        }
    }

    /// Waits for the server's next reply.
    func reply(step: String, timeoutFactor: Int64 = 1) async throws -> SMTPReply {
        let channel = self.channel, handler = self.handler
        let timeout = self.timeout * timeoutFactor
        do {
            return try await channel.eventLoop.flatSubmit {
                handler.value.nextReply(on: channel, timeout: timeout)
            }.get()
        } catch SMTPClientHandler.Failure.timedOut {
            throw SMTPError.timeout(step: step, seconds: timeoutSeconds * Double(timeoutFactor))
        } catch SMTPClientHandler.Failure.closed {
            throw SMTPError.connectionClosed(step: step)
        } catch let error as SMTPError {
            throw error
        } catch let error as NIOSSLError {
            throw SMTPError.tls(String(describing: error))
        } catch let error as BoringSSLError {
            throw SMTPError.tls(String(describing: error))
        } catch {
            throw SMTPError.connectionClosed(step: "\(step) (\(error))")
        }
    }

    /// Writes `text` as is (CRLFs included). Not awaited: a server that stops reading shows up as
    /// a reply that never comes, which the timeout catches.
    func write(_ text: String) {
        channel.writeAndFlush(ByteBuffer(string: text), promise: nil)
    }

    /// Sends one command line and waits for its reply. `step` names the command in errors, so
    /// it never holds a secret.
    func command(_ line: String, step: String) async throws -> SMTPReply {
        write(line + "\r\n")
        return try await reply(step: step)
    }

    /// Puts TLS under the conversation after the server's `220` to STARTTLS.
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
            }.get()
        } catch {
            throw SMTPError.tls(String(describing: error))
        }
    }

    func close() async {
        try? await channel.close().get()
    }
}

/// Hands the decoded replies, in order, to whoever waits for them; keeps those that came early.
final class SMTPClientHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply

    enum Failure: Error { case timedOut, closed }

    private var early = CircularBuffer<SMTPReply>()
    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var failure: (any Error)?

    func nextReply(on channel: any Channel, timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        if let reply = early.popFirst() { return channel.eventLoop.makeSucceededFuture(reply) }
        if let failure { return channel.eventLoop.makeFailedFuture(failure) }
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(Failure.timedOut)
            channel.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in deadline.cancel() }
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let promise = waiting.popFirst() {
            promise.succeed(reply)
        } else {
            early.append(reply)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(Failure.closed)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(Failure.closed)
    }

    /// The first error is the one that explains; later ones (the close it caused) are noise.
    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        while let promise = waiting.popFirst() { promise.fail(failure!) }
    }
}
