#!/usr/bin/env python3
"""A small HTTP/1.1 server for the cases nginx does not show.

  httpd.py ADDR PORT ROOT [USER PASSWORD]

Serves the files under ROOT, framed as the first path component says:

  /chunked/NAME  chunked, in chunks of varying size with extensions,
                 ending with trailer fields
  /close/NAME    no length: the body ends when the connection closes
  /cut/NAME      Content-Length of the whole file, then half of it and
                 the connection closes; Range is ignored
  /resume/NAME   honours Range; the first response ends after a third of
                 its body with a close, the second after a third of its
                 body with a reset, the later ones are whole
  /early/NAME    the first response ends right after its headers, the
                 later ones are whole
  /stall/NAME    honours Range; the first response stops sending after a
                 third of its body, keeping the connection until the
                 client drops it
  /digest-md5/NAME, /digest-sha256/NAME, /digest-2069/NAME
                 behind Digest authentication (RFC 7616) for USER and
                 PASSWORD: MD5 with qop=auth; SHA-256 with qop=auth
                 (offered beside an MD5 challenge, in two headers); MD5
                 without qop (RFC 2069).  The server computes the
                 response it expects itself.
  /digest-stale/NAME
                 RFC 2069 Digest whose first nonce has expired: a right
                 answer to it gets a new challenge with stale=true,
                 and only an answer to the new nonce is let in
  /echo/ANYTHING the request echoed back as the body: "METHOD PATH", its
                 header fields but Host, User-Agent and Connection, an
                 empty line, then the request's body

One request per connection for /close and /cut; the others keep the
connection for the next request.  Each request is logged to stdout as
"PEER-PORT METHOD PATH RANGE" (RANGE "-" without a Range field), and
each Digest answer as "PEER-PORT DIGEST ALGORITHM QOP ok|stale|bad".
"""

import hashlib
import os
import re
import socket
import struct
import sys
import threading

# How many requests each path has had.
seen = {}
seen_lock = threading.Lock()


def count(path):
    with seen_lock:
        n = seen.get(path, 0)
        seen[path] = n + 1
    return n


def range_of(lines, size=None):
    """The Range asked for, "N-" or "N-LAST", as (N, LAST) with LAST
    within a file of size bytes if given; (None, None) without one."""
    for line in lines[1:]:
        m = re.match(r"(?i)range:\s*bytes=(\d+)-(\d*)\s*$", line)
        if m and size is None:
            return int(m.group(1)), None
        if m:
            last = int(m.group(2)) if m.group(2) else size - 1
            return int(m.group(1)), min(last, size - 1)
    return None, None


def send_ranged(conn, data, start, last, cut):
    """The body from start to last (a 206 if start is not None), cut
    short after cut bytes if cut is not None."""
    if start is None:
        head = b"HTTP/1.1 200 OK\r\n"
        body = data
    else:
        head = (b"HTTP/1.1 206 Partial Content\r\n"
                b"Content-Range: bytes %d-%d/%d\r\n"
                % (start, last, len(data)))
        body = data[start:last + 1]
    conn.sendall(head + b"Accept-Ranges: bytes\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body)
                 + (body if cut is None else body[:cut]))


def read_request(conn, buf):
    while b"\r\n\r\n" not in buf:
        data = conn.recv(65536)
        if not data:
            return None, b""
        buf += data
    head, rest = buf.split(b"\r\n\r\n", 1)
    return head.decode("latin-1").split("\r\n"), rest


def send_chunked(conn, data):
    sizes = [1, 7, 4096, 100, 65536, 3]
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                 b"Trailer: X-Checksum\r\n\r\n")
    pos, i = 0, 0
    while pos < len(data):
        piece = data[pos:pos + sizes[i % len(sizes)]]
        ext = b';n=%d;quoted="a;b"' % i if i % 2 else b""
        conn.sendall(b"%X%s\r\n%s\r\n" % (len(piece), ext, piece))
        pos += len(piece)
        i += 1
    conn.sendall(b"0;last\r\nX-Checksum: none\r\nX-Other: 1\r\n\r\n")


REALM = "cxboot-test"
NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093"
FRESH = "7c4fd2e0b98a2a0d5e1d8a6fb2f0c3aa11"    # /digest-stale/'s second
OPAQUE = "5ccc069c403ebaf9f0171e9517f40e41"
CREDENTIALS = ("", "")


def digest_challenges(kind, nonce=NONCE, stale=False):
    base = f'realm="{REALM}", nonce="{nonce}", opaque="{OPAQUE}"'
    if stale:
        base += ", stale=true"
    if kind in ("digest-2069", "digest-stale"):
        return [f"Digest {base}"]
    md5 = f'Digest {base}, qop="auth,auth-int", algorithm=MD5'
    if kind == "digest-md5":
        return [md5]
    return [f'Digest {base}, qop="auth", algorithm=SHA-256', md5]


def auth_params(lines):
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "authorization":
            scheme, _, rest = value.strip().partition(" ")
            if scheme.lower() != "digest":
                return {}
            return {k.lower(): v if v else t for k, v, t in re.findall(
                r'([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))',
                rest)}
    return {}


def digest_ok(p, method, path, user, password, nonce=NONCE):
    """Whether the Authorization parameters p answer our challenge."""
    algo = p.get("algorithm", "MD5").upper()
    if algo not in ("MD5", "SHA-256") or p.get("nonce") != nonce or \
            p.get("uri") != path or p.get("username") != user or \
            p.get("realm") != REALM or p.get("opaque") != OPAQUE:
        return False
    h = (lambda s: hashlib.new("sha256" if algo == "SHA-256" else "md5",
                               s.encode()).hexdigest())
    ha1 = h(f"{user}:{REALM}:{password}")
    ha2 = h(f"{method}:{path}")
    if "qop" in p:
        want = h(f"{ha1}:{nonce}:{p.get('nc')}:{p.get('cnonce')}:"
                 f"{p['qop']}:{ha2}")
    else:
        want = h(f"{ha1}:{nonce}:{ha2}")
    return p.get("response") == want


def send_echo(conn, lines, buf):
    """Answer with the request itself; returns what follows its body."""
    fields = [l for l in lines[1:] if l.split(":")[0].strip().lower()
              not in ("host", "user-agent", "connection")]
    length = 0
    for l in fields:
        if l.lower().startswith("content-length:"):
            length = int(l.split(":", 1)[1])
    while len(buf) < length:
        data = conn.recv(65536)
        if not data:
            break
        buf += data
    body, buf = buf[:length], buf[length:]
    print(f"echo body {body.decode('latin-1')}", flush=True)
    out = ("\n".join([lines[0].rsplit(" ", 1)[0]] + fields) + "\n\n")
    out = out.encode("latin-1") + body
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n"
                 % len(out) + out)
    return buf


def handle(conn, peer, root):
    buf = b""
    with conn:
        while True:
            lines, buf = read_request(conn, buf)
            if not lines:
                return
            method, path, _ = lines[0].split(" ", 2)
            start, _ = range_of(lines)
            print(f"{peer[1]} {method} {path} "
                  f"{'-' if start is None else start}", flush=True)
            parts = path.split("/", 2)
            if parts[1] == "echo":
                buf = send_echo(conn, lines, buf)
                continue
            name = os.path.join(root, os.path.basename(parts[-1]))
            if len(parts) != 3 or not os.path.isfile(name):
                conn.sendall(b"HTTP/1.1 404 Not Found\r\n"
                             b"Content-Length: 0\r\n\r\n")
                continue
            with open(name, "rb") as f:
                data = f.read()
            start, last = range_of(lines, len(data))
            kind = parts[1]
            if kind.startswith("digest-"):
                p = auth_params(lines)
                nonce, stale = NONCE, False
                if kind == "digest-stale":
                    nonce = FRESH
                    stale = bool(p) and digest_ok(p, method, path,
                                                  *CREDENTIALS)
                ok = bool(p) and digest_ok(p, method, path, *CREDENTIALS,
                                           nonce)
                if p:
                    print(f"{peer[1]} DIGEST {p.get('algorithm', '-')} "
                          f"{p.get('qop', '-')} "
                          f"{'ok' if ok else 'stale' if stale else 'bad'}",
                          flush=True)
                if not ok:
                    head = "".join(f"WWW-Authenticate: {c}\r\n"
                                   for c in digest_challenges(
                                       kind, FRESH if stale else NONCE,
                                       stale))
                    conn.sendall(("HTTP/1.1 401 Unauthorized\r\n" + head +
                                  "Content-Length: 6\r\n\r\ndenied")
                                 .encode())
                    continue
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n"
                             % len(data) + data)
                continue
            if kind == "chunked":
                send_chunked(conn, data)
                continue
            if kind in ("resume", "early", "stall"):
                n = count(path)
                rest = len(data) if start is None else last + 1 - start
                if kind == "stall" and n == 0:
                    send_ranged(conn, data, start, last, rest // 3)
                    while conn.recv(65536):
                        pass
                    return
                if kind == "early" and n == 0:
                    send_ranged(conn, data, start, last, 0)
                    return
                if kind in ("early", "stall") or n >= 2:
                    send_ranged(conn, data, start, last, None)
                    continue
                send_ranged(conn, data, start, last, rest // 3)
                if n == 1:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                return
            if kind == "close":
                conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
                             + data)
            elif kind == "cut":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n"
                             % len(data) + data[:len(data) // 2])
            return


def handle_quietly(conn, peer, root):
    # A client may hang up mid-response (one that refuses a body).
    try:
        handle(conn, peer, root)
    except ConnectionError:
        pass


def main():
    global CREDENTIALS
    addr, port, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    CREDENTIALS = tuple(sys.argv[4:6]) or ("", "")
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port))
    srv.listen(8)
    print("listening", flush=True)
    while True:
        conn, peer = srv.accept()
        threading.Thread(target=handle_quietly, args=(conn, peer, root),
                         daemon=True).start()


if __name__ == "__main__":
    main()
