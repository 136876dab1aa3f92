#!/usr/bin/env python3
"""A small HTTP/1.1 server for the cases nginx does not show.

  httpd.py ADDR PORT ROOT

Serves the files under ROOT, framed as the first path component says:

  /chunked/NAME  chunked, in chunks of varying size with extensions,
                 ending with trailer fields
  /close/NAME    no length: the body ends when the connection closes
  /cut/NAME      Content-Length of the whole file, then half of it and
                 the connection closes

One request per connection for /close and /cut; /chunked keeps the
connection for the next request.  Each request is logged to stdout as
"PEER-PORT METHOD PATH".
"""

import os
import socket
import sys
import threading


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
            print(f"{peer[1]} {method} {path}", flush=True)
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
            if kind == "close":
                conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
                             + data)
            elif kind == "cut":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n"
                             % len(data) + data[:len(data) // 2])
            return


def main():
    addr, port, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port))
    srv.listen(8)
    print("listening", flush=True)
    while True:
        conn, peer = srv.accept()
        threading.Thread(target=handle, args=(conn, peer, root),
                         daemon=True).start()


if __name__ == "__main__":
    main()
