#!/usr/bin/python3
"""An LTI 1.3 platform (an LMS) for the grader's tests, written apart from the tool's Java code.

It speaks only the published protocol (OIDC third-party login, form_post id_token, JWKS) and uses another
JOSE implementation (PyJWT + cryptography) than the tool (Nimbus), so each side really checks the other.

Endpoints:
  GET  /jwks                      the platform's public keys
  GET  /course?user=U&roles=R&exercise=E   a course page framing the tool's login (for the browser test)
  GET  /auth                      the OIDC authorization endpoint: checks the tool's redirect and answers an
                                  auto-submitting form that POSTs id_token and state to the tool's launch URL
  POST /token                     OAuth 2 client credentials: verifies the tool's signed client assertion
                                  against the tool's own /lti/jwks (aud must be this URL exactly)
  GET|POST /lineitems?type_id=1   the course's line items (URLs carry a query string, as Moodle's do)
  POST /lineitems/N/lineitem/scores?type_id=1   AGS scores: media type, bearer scope, fields, rising timestamps
  POST /control/tool              body: the tool's base URL
  POST /control/scores-down       body: "true" makes the score endpoint answer 503 until "false"
  GET  /control/log               what the platform saw, as JSON

lti_message_hint (passed through the tool's login untouched) carries the launch to build as JSON:
  {"user": "...", "name": "...", "roles": [...], "exercise": "...", "tamper": "...", "link": "resource link id",
   "no-lineitem": true (the launch offers only the course's line items, as Open edX may)}
tamper makes a wrong token on purpose: bad-signature, wrong-aud, expired, unknown-deployment,
unknown-issuer, wrong-nonce, array-aud (a right token with aud as an array and azp).

Prints "READY <port>" on its first line.
"""
import base64
import html
import json
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = sys.argv[1] if len(sys.argv) > 1 else "https://lms.example.test"
CLIENT_ID = sys.argv[2] if len(sys.argv) > 2 else "client-1"
DEPLOYMENT = sys.argv[3] if len(sys.argv) > 3 else "deploy-1"
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"


def b64u(n):
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def new_key():
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption())
    return k, pem


SIGNING_KEY, SIGNING_PEM = new_key()
SIGNING_KID = "platform-key-1"
STRANGER_KEY, STRANGER_PEM = new_key()  # not published: signs the "bad-signature" tokens

STATE = {"tool": None, "log": [], "tokens": {}, "jtis": set(), "lineitems": [], "last": {}, "down": False,
         "base": None}
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
LOCK = threading.Lock()


def log(event, **data):
    with LOCK:
        STATE["log"].append(dict(event=event, **data))


def jwks():
    pub = SIGNING_KEY.public_key().public_numbers()
    return {"keys": [{"kty": "RSA", "kid": SIGNING_KID, "alg": "RS256", "use": "sig",
                      "n": b64u(pub.n), "e": b64u(pub.e)}]}


def id_token(nonce, hint):
    now = int(time.time())
    tamper = hint.get("tamper")
    roles = hint.get("roles") or ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]
    claims = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": hint["user"],
        "exp": now + 300,
        "iat": now,
        "nonce": nonce,
        "name": hint.get("name", hint["user"]),
        "email": hint["user"] + "@example.test",
        CLAIM + "message_type": "LtiResourceLinkRequest",
        CLAIM + "version": "1.3.0",
        CLAIM + "deployment_id": DEPLOYMENT,
        CLAIM + "target_link_uri": STATE["tool"] + "/lti/launch",
        CLAIM + "resource_link": {"id": hint.get("link") or "link-" + (hint.get("exercise") or "none")},
        CLAIM + "roles": roles,
        CLAIM + "context": {"id": "course-1", "title": "Concurrency 101"},
    }
    if hint.get("exercise"):
        claims[CLAIM + "custom"] = {"exercise": hint["exercise"]}
    ags = {"scope": [SCORE_SCOPE, LINEITEM_SCOPE], "lineitems": STATE["base"] + "/lineitems?type_id=1"}
    if not hint.get("no-lineitem"):
        ags["lineitem"] = lineitem_for(claims[CLAIM + "resource_link"]["id"], hint.get("exercise") or "none")
    claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = ags
    if hint.get("deep-link"):
        claims[CLAIM + "message_type"] = "LtiDeepLinkingRequest"
        del claims[CLAIM + "resource_link"]
        data = "opaque-" + uuid.uuid4().hex
        with LOCK:
            STATE.setdefault("dl-data", set()).add(data)
        claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
            "deep_link_return_url": STATE["base"] + "/deep-link-return?course=1",
            "accept_types": ["ltiResourceLink"], "accept_presentation_document_targets": ["iframe", "window"],
            "accept_multiple": False, "data": data}
    key, kid = SIGNING_PEM, SIGNING_KID
    if tamper == "bad-signature":
        key = STRANGER_PEM
    elif tamper == "wrong-aud":
        claims["aud"] = "someone-else"
    elif tamper == "array-aud":
        claims["aud"] = ["other-tool", CLIENT_ID]
        claims["azp"] = CLIENT_ID
    elif tamper == "expired":
        claims["iat"] = now - 3600
        claims["exp"] = now - 1800
    elif tamper == "unknown-deployment":
        claims[CLAIM + "deployment_id"] = "not-registered"
    elif tamper == "unknown-issuer":
        claims["iss"] = "https://evil.example.test"
    elif tamper == "wrong-nonce":
        claims["nonce"] = uuid.uuid4().hex
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def lineitem_for(resource_link_id, label, maximum=None):
    with LOCK:
        for item in STATE["lineitems"]:
            if item["resourceLinkId"] == resource_link_id:
                return item["id"]
        n = len(STATE["lineitems"]) + 1
        item = {"id": "%s/lineitems/%d/lineitem?type_id=1" % (STATE["base"], n), "label": label,
                "resourceLinkId": resource_link_id, "scoreMaximum": maximum or 100}
        STATE["lineitems"].append(item)
        return item["id"]


def tool_jwks():
    import urllib.request
    with urllib.request.urlopen(STATE["tool"] + "/lti/jwks", timeout=10) as r:
        return json.loads(r.read())


def check_assertion(assertion):
    header = jwt.get_unverified_header(assertion)
    keys = {k["kid"]: k for k in tool_jwks()["keys"]}
    if header.get("alg") != "RS256" or header.get("kid") not in keys:
        raise ValueError("assertion not RS256 with a kid from the tool's JWKS: %r" % header)
    key = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(keys[header["kid"]]))
    claims = jwt.decode(assertion, key, algorithms=["RS256"], audience=STATE["base"] + "/token",
                        options={"require": ["iss", "sub", "aud", "exp", "iat", "jti"]})
    if claims["iss"] != CLIENT_ID or claims["sub"] != CLIENT_ID:
        raise ValueError("iss and sub must be the client id")
    with LOCK:
        if claims["jti"] in STATE["jtis"]:
            raise ValueError("jti reused")
        STATE["jtis"].add(claims["jti"])


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def answer(self, status, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def refuse(self, status, why):
        log("refused", path=self.path, why=why)
        self.answer(status, json.dumps({"error": why}))

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        if url.path == "/jwks":
            return self.answer(200, json.dumps(jwks()))
        if url.path == "/control/log":
            with LOCK:
                return self.answer(200, json.dumps(STATE["log"]))
        if url.path == "/course":
            return self.course(q)
        if url.path == "/auth":
            return self.auth(q)
        if url.path == "/lineitems":
            if not self.bearer(LINEITEM_SCOPE):
                return None
            if q.get("type_id") != "1":
                return self.refuse(400, "the line items URL lost its query string")
            with LOCK:
                items = [i for i in STATE["lineitems"]
                         if "resource_link_id" not in q or i["resourceLinkId"] == q["resource_link_id"]]
            return self.answer(200, json.dumps(items), "application/vnd.ims.lis.v2.lineitemcontainer+json")
        self.refuse(404, "no such path")

    def bearer(self, scope):
        auth = self.headers.get("Authorization") or ""
        with LOCK:
            scopes = STATE["tokens"].get(auth[7:]) if auth.startswith("Bearer ") else None
        if scopes is None or scope not in scopes:
            self.refuse(401, "bearer token missing or without scope " + scope)
            return False
        return True

    def token(self, form):
        try:
            if form.get("grant_type") != "client_credentials":
                raise ValueError("grant_type must be client_credentials")
            if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
                raise ValueError("client_assertion_type must be jwt-bearer")
            check_assertion(form.get("client_assertion", ""))
        except Exception as e:  # any failure of the assertion is the client's fault
            return self.refuse(400, "invalid_client: %s" % e)
        scopes = set(form.get("scope", "").split())
        token = uuid.uuid4().hex
        with LOCK:
            STATE["tokens"][token] = scopes
        log("token", scopes=sorted(scopes))
        self.answer(200, json.dumps({"access_token": token, "token_type": "Bearer", "expires_in": 3600,
                                     "scope": " ".join(sorted(scopes))}))

    def score(self, lineitem_path, q, body):
        if STATE["down"]:
            log("score-unavailable")
            return self.answer(503, json.dumps({"error": "down for maintenance"}))
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != SCORE_TYPE:
            return self.refuse(415, "scores must be " + SCORE_TYPE)
        if not self.bearer(SCORE_SCOPE):
            return None
        if q.get("type_id") != "1":
            return self.refuse(400, "/scores must go before the line item's query string")
        lineitem = STATE["base"] + lineitem_path + "?type_id=1"
        with LOCK:
            known = any(i["id"] == lineitem for i in STATE["lineitems"])
        if not known:
            return self.refuse(404, "no such line item " + lineitem)
        score = json.loads(body)
        for field in ("userId", "scoreGiven", "scoreMaximum", "timestamp", "activityProgress", "gradingProgress"):
            if field not in score:
                return self.refuse(400, "score lacks " + field)
        if score["activityProgress"] != "Completed" or score["gradingProgress"] != "FullyGraded":
            return self.refuse(400, "progress values are wrong")
        if not 0 <= score["scoreGiven"] <= score["scoreMaximum"]:
            return self.refuse(400, "scoreGiven out of range")
        stamp = score["timestamp"]
        key = (lineitem, score["userId"])
        with LOCK:
            last = STATE["last"].get(key)
            fresh = last is None or stamp > last
            if fresh:
                STATE["last"][key] = stamp
        # A score not newer than the last one is dropped, as real platforms do, yet answered 200.
        log("score" if fresh else "score-dropped", lineitem=lineitem, userId=score["userId"],
            scoreGiven=score["scoreGiven"], scoreMaximum=score["scoreMaximum"], timestamp=stamp,
            comment=score.get("comment"))
        self.answer(200, "{}")

    def course(self, q):
        hint = {"user": q["user"], "name": q.get("name", q["user"]),
                "roles": q.get("roles", "").split(",") if q.get("roles") else None,
                "exercise": q.get("exercise"), "deep-link": q.get("deep") == "1"}
        login = STATE["tool"] + "/lti/login?" + urllib.parse.urlencode({
            "iss": ISSUER, "client_id": CLIENT_ID, "lti_deployment_id": DEPLOYMENT,
            "login_hint": q["user"], "target_link_uri": STATE["tool"] + "/lti/launch",
            "lti_message_hint": json.dumps(hint)})
        page = ("<!doctype html><html><head><title>Concurrency 101</title></head><body>"
                "<h1>Concurrency 101</h1><iframe id=\"tool\" title=\"async-grader\" width=\"1200\" height=\"900\""
                " allow=\"clipboard-write\" src=\"" + html.escape(login) + "\"></iframe></body></html>")
        self.answer(200, page, "text/html; charset=utf-8")

    def auth(self, q):
        for field, want in (("scope", "openid"), ("response_type", "id_token"), ("response_mode", "form_post"),
                            ("prompt", "none"), ("client_id", CLIENT_ID)):
            if q.get(field) != want:
                return self.refuse(400, "%s must be %r, was %r" % (field, want, q.get(field)))
        for field in ("redirect_uri", "state", "nonce", "login_hint"):
            if not q.get(field):
                return self.refuse(400, field + " missing")
        if q["redirect_uri"] != STATE["tool"] + "/lti/launch":
            return self.refuse(400, "redirect_uri not registered: " + q["redirect_uri"])
        hint = json.loads(q.get("lti_message_hint") or "{}")
        if hint.get("user") != q["login_hint"]:
            return self.refuse(400, "login_hint does not match the message hint")
        token = id_token(q["nonce"], hint)
        log("launch", user=hint["user"], state=q["state"], tamper=hint.get("tamper"))
        form = ("<!doctype html><html><body onload=\"document.forms[0].submit()\">"
                "<form method=\"post\" action=\"" + html.escape(q["redirect_uri"]) + "\">"
                "<input type=\"hidden\" name=\"id_token\" value=\"" + html.escape(token) + "\">"
                "<input type=\"hidden\" name=\"state\" value=\"" + html.escape(q["state"]) + "\">"
                "</form></body></html>")
        self.answer(200, form, "text/html; charset=utf-8")

    def deep_link_return(self, form):
        token = form.get("JWT", "")
        try:
            header = jwt.get_unverified_header(token)
            keys = {k["kid"]: k for k in tool_jwks()["keys"]}
            if header.get("alg") != "RS256" or header.get("kid") not in keys:
                raise ValueError("not RS256 with a kid of the tool's JWKS")
            key = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(keys[header["kid"]]))
            claims = jwt.decode(token, key, algorithms=["RS256"], audience=ISSUER,
                                options={"require": ["iss", "aud", "exp", "iat", "nonce"]})
            if claims["iss"] != CLIENT_ID:
                raise ValueError("iss must be the client id")
            if claims.get(CLAIM + "message_type") != "LtiDeepLinkingResponse":
                raise ValueError("message_type must be LtiDeepLinkingResponse")
            if claims.get(CLAIM + "version") != "1.3.0" or claims.get(CLAIM + "deployment_id") != DEPLOYMENT:
                raise ValueError("version or deployment_id wrong")
            data = claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/data")
            with LOCK:
                if data not in STATE.get("dl-data", set()):
                    raise ValueError("data not echoed: %r" % data)
                STATE["dl-data"].discard(data)
            items = claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/content_items")
            if not isinstance(items, list) or len(items) != 1 or items[0].get("type") != "ltiResourceLink":
                raise ValueError("expected one ltiResourceLink, got %r" % items)
        except Exception as e:  # any failure of the response is the tool's fault
            return self.refuse(400, "deep linking response refused: %s" % e)
        log("deep-link", items=items)
        self.answer(200, "<!doctype html><html><body><h1 id=\"added\">Added %s</h1></body></html>"
                    % html.escape(items[0].get("title", "")), "text/html; charset=utf-8")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        if url.path == "/control/tool":
            STATE["tool"] = body.strip().rstrip("/")
            return self.answer(200, "{}")
        if url.path == "/control/scores-down":
            STATE["down"] = body.strip() == "true"
            return self.answer(200, "{}")
        q = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        if url.path == "/token":
            return self.token({k: v[0] for k, v in urllib.parse.parse_qs(body).items()})
        if url.path == "/lineitems":
            if not self.bearer(LINEITEM_SCOPE):
                return None
            if q.get("type_id") != "1":
                return self.refuse(400, "the line items URL lost its query string")
            item = json.loads(body)
            made = lineitem_for(item["resourceLinkId"], item["label"], item["scoreMaximum"])
            log("lineitem-made", id=made, label=item["label"], scoreMaximum=item["scoreMaximum"])
            with LOCK:
                found = [i for i in STATE["lineitems"] if i["id"] == made][0]
            return self.answer(201, json.dumps(found), "application/vnd.ims.lis.v2.lineitem+json")
        if url.path == "/deep-link-return":
            return self.deep_link_return({k: v[0] for k, v in urllib.parse.parse_qs(body).items()})
        if url.path.startswith("/lineitems/") and url.path.endswith("/lineitem/scores"):
            return self.score(url.path[:-len("/scores")], q, body)
        self.refuse(404, "no such path")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    STATE["base"] = "http://127.0.0.1:%d" % server.server_address[1]
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
