#!/usr/bin/env python3
"""Malformed-packet injector for the net tests.

  inject.py IFACE SERVER_IP GOOD_IP STATE_DIR

Runs in the server namespace beside a real DHCP/TFTP server and watches
IFACE through a raw AF_PACKET socket.  Whenever the client sends a
DHCPDISCOVER/DHCPREQUEST, a TFTP read request or a TFTP ACK, it answers
with a burst of broken packets aimed at that exact exchange (right MAC,
right ports, mostly the right transaction id), so that the client's
parsers see them while the real server's answers are also on their way.

Packets that a correct client must drop offer the address BAD_IP (GOOD_IP
with last octet 99) or carry junk file data; the few that are merely odd
but harmless (option overload loops, a huge option 55) offer GOOD_IP, the
address the real server hands out, with the same parameters.

STATE_DIR/ready appears once the socket is open; STATE_DIR/counts holds
"dhcp-bursts N", "tftp-bursts N" and "packets N" after each burst.
"""

import os
import socket
import struct
import sys

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
MAGIC = b"\x63\x82\x53\x63"


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Frames:
    """Builds Ethernet/IPv4/UDP frames from the server to the client."""

    def __init__(self, mac, server_ip):
        self.mac = mac
        self.src = socket.inet_aton(server_ip)

    def udp(self, dst_mac, dst_ip, sport, dport, data, bad_csum=False,
            udp_len=None, ip_len=None, bad_ip_csum=False, ihl=5,
            frag=0, version=4):
        dst = socket.inet_aton(dst_ip)
        ulen = 8 + len(data) if udp_len is None else udp_len
        seg = struct.pack("!HHHH", sport, dport, ulen, 0) + data
        pseudo = self.src + dst + struct.pack("!BBH", 0, 17, len(seg))
        c = csum(pseudo + seg) or 0xFFFF
        if bad_csum:
            c ^= 0x5A5A
        seg = seg[:6] + struct.pack("!H", c) + seg[8:]
        total = 20 + len(seg) if ip_len is None else ip_len
        ip = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, total,
                         0x1234, frag, 64, 17, 0, self.src, dst)
        c = csum(ip)
        if bad_ip_csum:
            c ^= 0x00FF
        ip = ip[:10] + struct.pack("!H", c) + ip[12:]
        return dst_mac + self.mac + b"\x08\x00" + ip + seg


def opt(code, value):
    return bytes([code, len(value)]) + value


def bootp(xid, chaddr, yiaddr, server, options, op=2, htype=1, hlen=6,
          cookie=MAGIC, sname=b"", file=b""):
    head = struct.pack("!BBBBIHH4s4s4s4s", op, htype, hlen, 0, xid, 0,
                       0x8000, bytes(4), socket.inet_aton(yiaddr),
                       socket.inet_aton(server), bytes(4))
    return (head + chaddr + bytes(16 - len(chaddr)) +
            sname.ljust(64, b"\0") + file.ljust(128, b"\0") +
            cookie + options)


class Injector:
    def __init__(self, iface, server_ip, good_ip, state):
        self.iface = iface
        self.server = server_ip
        self.good = good_ip
        self.bad = good_ip.rsplit(".", 1)[0] + ".99"
        self.state = state
        mac = open("/sys/class/net/%s/address" % iface).read().strip()
        self.f = Frames(bytes.fromhex(mac.replace(":", "")), server_ip)
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(ETH_P_ALL))
        self.sock.bind((iface, 0))
        self.counts = {"dhcp-bursts": 0, "tftp-bursts": 0, "packets": 0}
        self.acks = 0

    def send(self, frames):
        for fr in frames:
            self.sock.send(fr)
        self.counts["packets"] += len(frames)
        with open(os.path.join(self.state, "counts.tmp"), "w") as f:
            for k, v in self.counts.items():
                f.write("%s %d\n" % (k, v))
        os.rename(os.path.join(self.state, "counts.tmp"),
                  os.path.join(self.state, "counts"))

    def params(self, msgtype):
        srv = socket.inet_aton(self.server)
        return (opt(53, bytes([msgtype])) + opt(54, srv) +
                opt(51, struct.pack("!I", 3600)) +
                opt(1, socket.inet_aton("255.255.255.0")) + opt(3, srv))

    def dhcp_burst(self, mac, xid, msgtype):
        srv = self.server
        good = self.params(msgtype) + b"\xff"
        reply = bootp(xid, mac, self.bad, srv, good)

        def out(data, **kw):
            return self.f.udp(mac, "255.255.255.255", 67, 68, data, **kw)

        frames = [
            out(reply[:100]),                        # truncated BOOTP
            out(reply[:238]),                        # cookie cut short
            out(bootp(xid, mac, self.bad, srv, good, cookie=b"\x63\x82\x53\x64")),
            # an option whose length runs past the end of the packet
            out(bootp(xid, mac, self.bad, srv,
                      opt(53, bytes([msgtype])) + opt(54, socket.inet_aton(srv)) +
                      b"\x01\xc8\xff\xff")),
            out(bootp(xid ^ 0x5A5A5A5A, mac, self.bad, srv, good)),  # wrong xid
            out(bootp(xid, mac, self.bad, srv, good, htype=6)),     # IEEE 802
            out(bootp(xid, mac, self.bad, srv, good, htype=32, hlen=0)),
            out(bootp(xid, mac, self.bad, srv, good, hlen=200)),
            out(bootp(xid, mac, self.bad, srv, good, op=1)),        # a request
            out(bootp(xid, b"\x02\xba\xd0\x00\x00\x01", self.bad, srv, good)),
            # overload: sname and file point at each other, and the file
            # field's last option overruns it
            out(bootp(xid, mac, self.bad, srv,
                      self.params(msgtype) + opt(52, b"\x03") + b"\xff",
                      sname=opt(52, b"\x03") + b"\xff",
                      file=opt(52, b"\x03") + opt(12, b"x" * 10) + b"\x0f\xfe")),
            # overload loop, otherwise a sane offer of the real address
            out(bootp(xid, mac, self.good, srv,
                      self.params(msgtype) + opt(52, b"\x03") + b"\xff",
                      sname=opt(52, b"\x01") + b"\xff",
                      file=opt(52, b"\x02") + b"\xff")),
            # option 55 repeated up to a huge concatenated value (RFC 3396)
            out(bootp(xid, mac, self.good, srv,
                      self.params(msgtype) + opt(55, bytes(range(1, 256))) * 4 +
                      b"\xff")),
            out(reply, bad_csum=True),
            out(reply, udp_len=8 + len(reply) + 300),   # UDP longer than IP
            out(reply, udp_len=4),                      # UDP shorter than its header
            out(reply, ip_len=20 + 8 + len(reply) + 300),
            out(reply, bad_ip_csum=True),
            out(reply, ihl=4),
            out(reply, frag=0x2000),                    # first fragment only
            out(reply, version=6),
            out(b""),                                   # empty UDP payload
        ]
        self.counts["dhcp-bursts"] += 1
        self.send(frames)

    def tftp_rrq_burst(self, mac, ip, cport):
        """Garbage that is no TFTP packet at all, from ports that are not
        (yet) the transfer's: none of it may become the peer's TID."""
        def out(data, sport=50123, **kw):
            return self.f.udp(mac, ip, sport, cport, data, **kw)

        junk = os.urandom(512)
        frames = [
            out(b""), out(b"\x00"), out(b"\x00\x03\x00"),
            out(b"\x00\x00" + junk[:10]), out(b"\x00\x07\x00\x01" + junk[:20]),
            out(b"\xff\xff\x00\x01" + junk[:20]),
            # a plausible first DATA block, but with a broken checksum
            out(b"\x00\x03\x00\x01" + junk, sport=50124, bad_csum=True),
        ]
        self.counts["tftp-bursts"] += 1
        self.send(frames)

    def tftp_ack_burst(self, mac, ip, cport, tid, block):
        def out(data, sport=tid, **kw):
            return self.f.udp(mac, ip, sport, cport, data, **kw)

        def data(n, payload):
            return b"\x00\x03" + struct.pack("!H", n & 0xFFFF) + payload

        junk = os.urandom(512)
        wrong = tid + 1 if tid < 65535 else tid - 1
        frames = [
            out(b""), out(b"\x00"), out(b"\x00\x03\x00"),
            out(b"\x00\x00" + junk[:10]), out(b"\x00\x09\x00\x01"),
            out(b"\xff\xff" + junk[:30]),
            out(data(block + 30000, junk)),            # far-future block
            out(data(block, junk)),                    # already acknowledged
            out(b"\x00\x06blksize\x0099999999\x00"),
            out(b"\x00\x06blksize\x00abc\x00windowsize\x000\x00"),
            out(b"\x00\x06blksize\x001468"),           # no terminating NULs
            out(b"\x00\x06\x00\x00\x00"),
            out(b"\x00\x05\x00\x00injected error without terminator"),
            out(data(block + 1, junk), bad_csum=True),
            # well formed, but not from the transfer's port
            out(data(block + 1, junk), sport=wrong),
            out(b"\x00\x05\x00\x00injected error from a stranger\x00",
                sport=wrong),
            out(b"\x00\x06blksize\x00512\x00", sport=wrong),
        ]
        if (block + 1) & 0xFFFF:
            frames.append(out(data(0, junk)))          # block 0
        self.counts["tftp-bursts"] += 1
        self.send(frames)

    def handle(self, fr):
        if len(fr) < 42 or fr[12:14] != b"\x08\x00":
            return
        ip = fr[14:]
        ihl = (ip[0] & 15) * 4
        if ip[0] >> 4 != 4 or ip[9] != 17 or len(ip) < ihl + 8:
            return
        src = socket.inet_ntoa(ip[12:16])
        dst = socket.inet_ntoa(ip[16:20])
        sport, dport = struct.unpack("!HH", ip[ihl:ihl + 4])
        p = ip[ihl + 8:]
        mac = fr[6:12]
        if sport == 68 and dport == 67:
            if len(p) < 240 or p[0] != 1 or p[236:240] != MAGIC:
                return
            xid = struct.unpack("!I", p[4:8])[0]
            msgtype = None
            i = 240
            while i + 1 < len(p) and p[i] != 255:
                if p[i] == 0:
                    i += 1
                    continue
                if p[i] == 53 and p[i + 1] == 1 and i + 2 < len(p):
                    msgtype = p[i + 2]
                i += 2 + p[i + 1]
            if msgtype in (1, 3):
                self.dhcp_burst(mac, xid, 2 if msgtype == 1 else 5)
            return
        if dst != self.server or len(p) < 4:
            return
        op = struct.unpack("!H", p[:2])[0]
        if dport == 69 and op == 1:
            self.tftp_rrq_burst(mac, src, sport)
        elif dport != 69 and op == 4:
            # Every ACK at first, then now and then: enough to meet every
            # state of the transfer without slowing it to a crawl.
            self.acks += 1
            if self.acks <= 32 or self.acks % 64 == 0:
                block = struct.unpack("!H", p[2:4])[0]
                self.tftp_ack_burst(mac, src, sport, dport, block)

    def run(self):
        with open(os.path.join(self.state, "ready"), "w") as f:
            f.write("ready\n")
        while True:
            fr, addr = self.sock.recvfrom(65535)
            if addr[2] != PACKET_OUTGOING:
                self.handle(fr)


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: inject.py IFACE SERVER_IP GOOD_IP STATE_DIR")
    Injector(*sys.argv[1:]).run()


if __name__ == "__main__":
    main()
