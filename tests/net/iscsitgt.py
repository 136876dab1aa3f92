#!/usr/bin/env python3
"""A scripted iSCSI target (RFC 7143) for the cases tgt does not show.

  iscsitgt.py ADDR PORT BLOCKS MODE

Serves one LUN (any LUN number) of BLOCKS 512-byte blocks whose content
is made up: each block is its LBA as 8 big-endian bytes, 64 times.
Logins are taken without authentication.  READ CAPACITY (10) says
0xffffffff when BLOCKS needs READ CAPACITY (16).  MODE picks a fault:

  plain        none
  async        after the first READ on the first connection, an async
               message asking for logout (event 1); the logout request
               is answered and the connection closed
  sense        a READ that covers block 666 ends in CHECK CONDITION,
               MEDIUM ERROR, ASC/ASCQ 11/00
  reject       every READ is rejected (reason 05, command not supported)
  overrun      a READ's data comes with a buffer offset past its end

One connection at a time.  Events go to stdout, one line each:
"connect", "login", "read LBA COUNT CDB-OPCODE", "logout".
"""

import socket
import struct
import sys

ADDR, PORT, BLOCKS, MODE = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    sys.argv[4]


def log(*what):
    print(*what, flush=True)


def block(lba):
    return struct.pack(">Q", lba) * 64


class Conn:
    def __init__(self, sock, first):
        self.sock = sock
        self.first = first
        self.statsn = 0
        self.reads = 0

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            got = self.sock.recv(n - len(buf))
            if not got:
                raise EOFError
            buf += got
        return buf

    def recv_pdu(self):
        bhs = self.recv_exact(48)
        dlen = int.from_bytes(bhs[5:8], "big")
        rest = self.recv_exact(bhs[4] * 4 + dlen + (-dlen % 4))
        return bhs, rest[bhs[4] * 4:][:dlen]

    def send(self, op, flags, itt, fields=b"", data=b"", byte2=0, byte3=0,
             lun=bytes(8), statsn=True):
        """fields: bytes 20..47 with StatSN/ExpCmdSN/MaxCmdSN put in."""
        f = bytearray(fields.ljust(28, b"\0"))
        if statsn:
            f[4:8] = struct.pack(">I", self.statsn)
            self.statsn += 1
        f[8:12] = struct.pack(">I", self.expcmdsn)
        f[12:16] = struct.pack(">I", self.expcmdsn + 16)
        hdr = bytes([op, flags, byte2, byte3, 0]) + \
            len(data).to_bytes(3, "big") + lun + struct.pack(">I", itt)
        self.sock.sendall(hdr + bytes(f) + data + b"\0" * (-len(data) % 4))

    def login(self, bhs, data):
        flags = bhs[1]
        csg, nsg, transit = (flags >> 2) & 3, flags & 3, flags & 0x80
        self.expcmdsn = struct.unpack(">I", bhs[24:28])[0]
        if csg == 0:
            text = b"AuthMethod=None\0"
        else:
            text = (b"HeaderDigest=None\0DataDigest=None\0InitialR2T=Yes\0"
                    b"ImmediateData=Yes\0MaxRecvDataSegmentLength=65536\0"
                    b"FirstBurstLength=65536\0MaxBurstLength=262144\0")
        out = (0x80 | csg << 2 | nsg) if transit else csg << 2
        fields = bytearray(28)
        # ISID and TSIH live in bytes 8..15 of the header: echo them.
        hdr = bytes([0x23, out, 0, 0, 0]) + len(text).to_bytes(3, "big") + \
            bhs[8:14] + b"\0\1" + bhs[16:20]
        fields[4:8] = struct.pack(">I", self.statsn)
        self.statsn += 1
        fields[8:12] = struct.pack(">I", self.expcmdsn)
        fields[12:16] = struct.pack(">I", self.expcmdsn + 16)
        self.sock.sendall(hdr + bytes(fields) + text +
                          b"\0" * (-len(text) % 4))
        if transit and nsg == 3:
            log("login")

    def status(self, itt, status=0, sense=b""):
        data = struct.pack(">H", len(sense)) + sense if sense else b""
        self.send(0x21, 0x80, itt, data=data, byte3=status)

    def data_in(self, itt, data, lun, offset=0):
        chunk = 65536
        for at in range(0, max(len(data), 1), chunk):
            piece = data[at:at + chunk]
            last = at + chunk >= len(data)
            f = bytearray(28)
            f[0:4] = b"\xff" * 4
            f[16:20] = struct.pack(">I", at // chunk)
            f[20:24] = struct.pack(">I", offset + at)
            self.send(0x25, 0x81 if last else 0, itt, bytes(f), piece,
                      lun=lun, statsn=last)

    def read(self, bhs, itt, lun, cdb):
        if cdb[0] == 0x28:
            lba, count = struct.unpack(">I", cdb[2:6])[0], \
                struct.unpack(">H", cdb[7:9])[0]
        else:
            lba, count = struct.unpack(">QI", cdb[2:14])
        log("read", lba, count, "%02x" % cdb[0])
        if MODE == "reject":
            self.send(0x3f, 0x80, 0xffffffff, data=bhs, byte2=0x05)
            return
        if MODE == "sense" and lba <= 666 < lba + count:
            sense = bytes([0x70, 0, 0x03, 0, 0, 0, 0, 10, 0, 0, 0, 0,
                           0x11, 0x00, 0, 0, 0, 0])
            self.status(itt, 0x02, sense)
            return
        data = b"".join(block(lba + i) for i in range(count))
        self.data_in(itt, data, lun,
                     offset=len(data) if MODE == "overrun" else 0)
        self.reads += 1
        if MODE == "async" and self.first and self.reads == 1:
            f = bytearray(28)
            f[16] = 1         # AsyncEvent: logout requested
            f[22:24] = struct.pack(">H", 0)   # Parameter3: at once
            self.send(0x32, 0x80, 0xffffffff, bytes(f))

    def command(self, bhs, data):
        itt = bhs[16:20]
        itt_n = struct.unpack(">I", itt)[0]
        lun = bhs[8:16]
        cdb = bhs[32:48]
        self.expcmdsn = struct.unpack(">I", bhs[24:28])[0] + 1
        op = cdb[0]
        if op == 0x12:
            self.data_in(itt_n, bytes(36)[:cdb[4]], lun)
        elif op == 0x00:
            self.status(itt_n)
        elif op == 0x25:
            last = BLOCKS - 1 if BLOCKS <= 0xffffffff else 0xffffffff
            self.data_in(itt_n, struct.pack(">II", last, 512), lun)
        elif op == 0x9e and cdb[1] == 0x10:
            self.data_in(itt_n, struct.pack(">QI", BLOCKS - 1, 512) +
                         bytes(20), lun)
        elif op in (0x28, 0x88):
            self.read(bhs, itt_n, lun, cdb)
        else:
            sense = bytes([0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0,
                           0x20, 0x00, 0, 0, 0, 0])
            self.status(itt_n, 0x02, sense)

    def serve(self):
        while True:
            bhs, data = self.recv_pdu()
            op = bhs[0] & 0x3f
            if op == 0x03:
                self.login(bhs, data)
            elif op == 0x01:
                self.command(bhs, data)
            elif op == 0x06:
                log("logout")
                self.send(0x26, 0x80, struct.unpack(">I", bhs[16:20])[0])
                return


def main():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((ADDR, PORT))
    srv.listen(4)
    first = True
    while True:
        sock, _ = srv.accept()
        log("connect")
        conn = Conn(sock, first)
        conn.expcmdsn = 0
        first = False
        try:
            conn.serve()
        except (EOFError, ConnectionError):
            pass
        sock.close()


if __name__ == "__main__":
    main()
