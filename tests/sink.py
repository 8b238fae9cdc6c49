#!/usr/bin/python3
# A receipt printer on 127.0.0.1 for the tests: it appends every byte it is
# sent to a file and answers DLE EOT with a scripted status byte. With
# --refuse-after N it stops listening after N connections.
import socket
import sys
import threading

def serve(port_file, out, status):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(srv.getsockname()[1]))
    import os
    os.rename(port_file + ".tmp", port_file)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=client, args=(conn, out, status),
                         daemon=True).start()

def client(conn, out, status):
    with conn, open(out, "ab") as f:
        prev = b""
        while True:
            data = conn.recv(65536)
            if not data:
                return
            f.write(data)
            f.flush()
            buf = prev + data
            # DLE EOT n: answer with the status byte for n.
            i = buf.find(b"\x10\x04")
            while i != -1 and i + 2 < len(buf):
                conn.sendall(bytes([status]))
                i = buf.find(b"\x10\x04", i + 3)
            prev = buf[-2:]

if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0x12)
