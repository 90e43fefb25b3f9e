"""A small but real OpenID Connect provider for the tests: a threaded HTTP server on 127.0.0.1 with an
authorization endpoint (it signs the person in at once and redirects back with a code), a token endpoint (checks
the client, the code, the redirect URI and the PKCE verifier; answers an RS256-signed ID token carrying the
nonce), a userinfo endpoint (bearer token) and a JWKS endpoint. Knobs let a test tamper with what it sends."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID, CLIENT_SECRET = "zhengwu-portal", "s3cret-for-tests"


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.person = {"sub": "hn-0001", "name": "张三"}
        self.tamper_signature = False
        self.audience = CLIENT_ID
        self.codes, self.tokens, self.token_requests = {}, {}, []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.base
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self):
        return {"OIDC_RP_CLIENT_ID": CLIENT_ID, "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
                "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.base}/authorize",
                "OIDC_OP_TOKEN_ENDPOINT": f"{self.base}/token", "OIDC_OP_USER_ENDPOINT": f"{self.base}/userinfo",
                "OIDC_OP_JWKS_ENDPOINT": f"{self.base}/jwks", "OIDC_RP_SIGN_ALGO": "RS256",
                "OIDC_PROVIDER_NAME": "湖南省统一身份认证平台", "OIDC_OP_ISSUER": self.issuer, "OIDC_TIMEOUT": 5}

    # -- what the endpoints do ----------------------------------------------------------------------

    def authorize(self, query):
        """The person is signed in at the provider: remember the request, redirect back with a code."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**query, "person": dict(self.person)}
        return 302, {"Location": f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"}, b""

    def token(self, form):
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
        if grant is None or form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return self._json(400, {"error": "invalid_grant"})
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self._json(400, {"error": "invalid_grant"})
        if grant.get("code_challenge"):
            verifier = form.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if grant.get("code_challenge_method") != "S256" or digest != grant["code_challenge"]:
                return self._json(400, {"error": "invalid_grant", "error_description": "PKCE"})
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": grant["person"]["sub"], "aud": self.audience, "iat": now,
                  "exp": now + 300, "nonce": grant.get("nonce")}
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})
        if self.tamper_signature:
            head, body, signature = id_token.split(".")
            flipped = ("A" if signature[10] != "A" else "B")
            id_token = ".".join([head, body, signature[:10] + flipped + signature[11:]])
        access = secrets.token_urlsafe(16)
        self.tokens[access] = grant["person"]
        return self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                                "id_token": id_token})

    def userinfo(self, authorization):
        person = self.tokens.get(authorization.removeprefix("Bearer ").strip())
        if person is None:
            return self._json(401, {"error": "invalid_token"})
        return self._json(200, person)

    def jwks(self):
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return self._json(200, {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]})

    @staticmethod
    def _json(status, body):
        return status, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, headers, body):
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    return self._answer(*provider.authorize(query))
                if url.path == "/userinfo":
                    return self._answer(*provider.userinfo(self.headers.get("Authorization", "")))
                if url.path == "/jwks":
                    return self._answer(*provider.jwks())
                return self._answer(404, {}, b"")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlparse(self.path).path == "/token":
                    return self._answer(*provider.token(form))
                return self._answer(404, {}, b"")

        return Handler
