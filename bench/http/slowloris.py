#!/usr/bin/env python3
"""Holds N connections with half-sent requests against a loopback server, the
way a slowloris attack does: each sends a request head without its end and
then one more header byte every few seconds; closed connections are reopened.

    slowloris.py PORT [CONNECTIONS=300] [SECONDS=30]

Loopback only (127.0.0.1). Prints how many connections it held at the end.
"""
import socket
import sys
import time

HEAD = b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def open_one(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=2)
    s.sendall(HEAD)
    return s


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 30
    sockets = []
    for _ in range(count):
        try:
            sockets.append(open_one(port))
        except OSError:
            pass
    print(f"holding {len(sockets)} slow connections", flush=True)
    end = time.time() + seconds
    reopened = 0
    while time.time() < end:
        time.sleep(min(2.0, max(0.0, end - time.time())))
        for i, s in enumerate(sockets):
            try:
                s.send(b"a")
            except OSError:
                try:
                    s.close()
                    sockets[i] = open_one(port)
                    reopened += 1
                except OSError:
                    pass
    print(f"done: {len(sockets)} connections, {reopened} reopened after the server dropped them", flush=True)


if __name__ == "__main__":
    main()
