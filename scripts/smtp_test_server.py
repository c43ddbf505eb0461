"""A throwaway SMTP server for the tests: Tests/RepertoireTests/Support/TestSMTPServer.swift
starts it with the .venv python (REPERTOIRE_TEST_PYTHON, set by scripts/test).

    python scripts/smtp_test_server.py --dir DIR [--tls-cert C --tls-key K] [--implicit-tls]
                                       [--auth USER:PASSWORD] [--reject-rcpt ADDRESS]

Listens on 127.0.0.1 on a free port and prints `PORT <n>` once it accepts connections. Each
message received is written to DIR/<n>.json, parsed by Python's own e-mail package (an
independent check of our encoding): envelope sender and recipients, decoded From, To and
Subject, the decoded plain-text body and the raw message. Stops when its standard input closes
(the test process ended, however it ended) or on SIGTERM.

With --tls-cert/--tls-key it offers STARTTLS, or with --implicit-tls speaks TLS from the first
byte. With --auth it requires AUTH PLAIN or LOGIN with those credentials (after TLS, as real
servers do). --reject-rcpt answers 550 to that recipient.
"""

import argparse
import email
import email.policy
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, directory, reject):
        self.directory = directory
        self.reject = reject
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() == (self.reject or "").lower():
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": body.get_content() if body is not None else None,
            "raw": envelope.original_content.decode("utf-8", "replace"),
            # session.ssl is set by STARTTLS only; with implicit TLS the transport tells.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.directory, "%04d.json" % self.count)
        with open(name + ".partial", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(name + ".partial", name)
        return "250 2.0.0 Ok: queued"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--reject-rcpt")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)

    options = {}
    if args.auth:
        user, _, password = args.auth.partition(":")

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            # handled=False: aiosmtpd then answers 535 itself (with True it would say nothing).
            return AuthResult(success=ok, handled=False)

        # aiosmtpd offers AUTH after STARTTLS only when it requires TLS for it; with implicit TLS
        # the whole connection is encrypted already, and it must be told not to wait for STARTTLS.
        options.update(authenticator=authenticator, auth_required=True,
                       auth_require_tls=context is not None and not args.implicit_tls)
    if context is not None and not args.implicit_tls:
        options.update(tls_context=context, require_starttls=True)

    # aiosmtpd needs a port number up front (it connects to itself to check it started): ask
    # the system for a free one, and try again on the rare clash with another process.
    for attempt in range(5):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(Store(args.dir, args.reject_rcpt), hostname="127.0.0.1", port=port,
                                ssl_context=context if args.implicit_tls else None,
                                server_hostname="localhost", **options)
        try:
            controller.start()
            break
        except OSError:
            if attempt == 4:
                raise
    print("PORT %d" % controller.port, flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
