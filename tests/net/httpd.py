#!/usr/bin/env python3
"""A small HTTP/1.1 server for the cases nginx does not show.

  httpd.py ADDR PORT ROOT

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

One request per connection for /close and /cut; the others keep the
connection for the next request.  Each request is logged to stdout as
"PEER-PORT METHOD PATH RANGE" (RANGE "-" without a Range field).
"""

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


def range_start(lines):
    for line in lines[1:]:
        m = re.match(r"(?i)range:\s*bytes=(\d+)-\s*$", line)
        if m:
            return int(m.group(1))
    return None


def send_ranged(conn, data, start, cut):
    """The body from start (a 206 if start is not None), cut short after
    cut bytes if cut is not None."""
    if start is None:
        head = b"HTTP/1.1 200 OK\r\n"
        body = data
    else:
        head = (b"HTTP/1.1 206 Partial Content\r\n"
                b"Content-Range: bytes %d-%d/%d\r\n"
                % (start, len(data) - 1, len(data)))
        body = data[start:]
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


def handle(conn, peer, root):
    buf = b""
    with conn:
        while True:
            lines, buf = read_request(conn, buf)
            if not lines:
                return
            method, path, _ = lines[0].split(" ", 2)
            start = range_start(lines)
            print(f"{peer[1]} {method} {path} "
                  f"{'-' if start is None else start}", flush=True)
            parts = path.split("/", 2)
            name = os.path.join(root, os.path.basename(parts[-1]))
            if len(parts) != 3 or not os.path.isfile(name):
                conn.sendall(b"HTTP/1.1 404 Not Found\r\n"
                             b"Content-Length: 0\r\n\r\n")
                continue
            with open(name, "rb") as f:
                data = f.read()
            kind = parts[1]
            if kind == "chunked":
                send_chunked(conn, data)
                continue
            if kind in ("resume", "early", "stall"):
                n = count(path)
                rest = len(data) - (start or 0)
                if kind == "stall" and n == 0:
                    send_ranged(conn, data, start, rest // 3)
                    while conn.recv(65536):
                        pass
                    return
                if kind == "early" and n == 0:
                    send_ranged(conn, data, start, 0)
                    return
                if kind in ("early", "stall") or n >= 2:
                    send_ranged(conn, data, start, None)
                    continue
                send_ranged(conn, data, start, rest // 3)
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
    addr, port, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
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
