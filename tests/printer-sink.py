#!/usr/bin/env python3
"""A network receipt printer for the tests, on 127.0.0.1 only.

printer-sink.py DIR [--mode accept|close]

Listens on an ephemeral port and writes it to DIR/port. Every byte a
client sends is appended to DIR/received. A DLE EOT n query (10 04 n) is
answered with byte n of DIR/status ("16 12 12 12" in hex, one byte per n =
1..4; a missing file or "-" means no answer, like a printer that does not
do status). The file is read at each query, so a test can change the
printer's condition between commands. With --mode close, every connection
is closed at once without reading (a printer that is busy or broken).
Runs until killed.
"""
import os
import select
import socket
import sys


def status_byte(d, n):
    try:
        with open(os.path.join(d, "status")) as f:
            words = f.read().split()
    except OSError:
        return None
    if len(words) < n or words[n - 1] == "-":
        return None
    return bytes([int(words[n - 1], 16)])


def serve(conn, d):
    tail = b""
    with conn, open(os.path.join(d, "received"), "ab") as out:
        while True:
            r, _, _ = select.select([conn], [], [], 30)
            if not r:
                return
            try:
                data = conn.recv(65536)
            except ConnectionResetError:
                return
            if not data:
                return
            out.write(data)
            out.flush()
            buf = tail + data
            i = buf.find(b"\x10\x04")
            while i != -1 and i + 2 < len(buf):
                a = status_byte(d, buf[i + 2])
                if a is not None:
                    conn.sendall(a)
                i = buf.find(b"\x10\x04", i + 3)
            tail = buf[-2:]


def main():
    d = sys.argv[1]
    mode = "accept"
    if len(sys.argv) > 3 and sys.argv[2] == "--mode":
        mode = sys.argv[3]
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(4)
    tmp = os.path.join(d, "port.tmp")
    with open(tmp, "w") as f:
        f.write("%d\n" % s.getsockname()[1])
    os.rename(tmp, os.path.join(d, "port"))
    while True:
        conn, _ = s.accept()
        if mode == "close":
            conn.close()
            continue
        serve(conn, d)


if __name__ == "__main__":
    main()
