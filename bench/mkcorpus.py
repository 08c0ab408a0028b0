#!/usr/bin/env python3
"""Writes a deterministic mail corpus straight into a Dovecot Maildir++ tree (make bench).

usage: mkcorpus.py MAILDIR N [--folders INBOX,Archive/2024,...] [--start I] [--tiny]
       mkcorpus.py MAILDIR --big BYTES        one message of about BYTES in INBOX
The same arguments always give the same messages. Sizes follow a log-normal law (median
about 4 KiB, capped at 200 KiB) and 2% carry a base64 attachment of 50 KiB to 2 MiB;
--tiny gives 0.5-3 KB text messages (for the 100,000-message folder). About 70% of the
messages are seen, 10% answered, 5% flagged. Dovecot indexes the files on first access.
"""
import argparse
import base64
import os
import random

VOCABULARY = ("mail server folder sync flag seen draft report meeting budget release patch "
              "kernel build review invoice schedule the of and to in is that for it as with "
              "be by on not this are or from at which but have an they you were one all we "
              "would when if so no will more what out up can who about into some could time").split()


def text(rng, size):
    lines, line, written = [], [], 0
    while written < size:
        word = rng.choice(VOCABULARY)
        line.append(word)
        written += len(word) + 1
        if len(line) == 12:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    return "\r\n".join(lines) + "\r\n"


def attachment(rng, size):
    data = base64.b64encode(rng.randbytes(size * 3 // 4)).decode()
    return "\r\n".join(data[i:i + 76] for i in range(0, len(data), 76)) + "\r\n"


def message(rng, i, folder, tiny, size=None):
    if size is None:
        size = rng.randrange(500, 3000) if tiny else int(min(rng.lognormvariate(8.3, 1.0), 200_000))
    when = 1_600_000_000 + i * 3607
    headers = (f"From: Sender {i % 97} <sender{i % 97}@example.org>\r\n"
               f"To: Bench <bench@example.com>\r\n"
               f"Subject: {rng.choice(VOCABULARY)} #{i} ({folder})\r\n"
               f"Date: {format_date(when)}\r\n"
               f"Message-ID: <{i}.bench@example.org>\r\n"
               f"MIME-Version: 1.0\r\n")
    if tiny or rng.random() >= 0.02:
        return when, headers + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text(rng, size)
    boundary = f"b{i:08d}"
    body = (f"--{boundary}\r\nContent-Type: text/plain\r\n\r\n{text(rng, size)}"
            f"--{boundary}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n"
            f"{attachment(rng, rng.randrange(50_000, 2_000_000))}--{boundary}--\r\n")
    return when, headers + f"Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n" + body


def format_date(when):
    import time
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(when))


def flags(rng):
    letters = ""
    if rng.random() < 0.05:
        letters += "F"
    if rng.random() < 0.10:
        letters += "R"
    if rng.random() < 0.70:
        letters += "S"
    return letters


def folder_dir(root, folder):
    # Dovecot's Maildir++ layout with separator '/': INBOX is the root, others ".A.B".
    return root if folder == "INBOX" else os.path.join(root, "." + folder.replace("/", "."))


def write(root, folder, i, when, content, letters):
    path = folder_dir(root, folder)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    data = content.encode()
    name = f"{when}.B{i}.bench,S={len(data)}:2,{letters}"
    with open(os.path.join(path, "cur", name), "wb") as out:
        out.write(data)
    os.utime(os.path.join(path, "cur", name), (when, when))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("n", type=int, nargs="?", default=0)
    parser.add_argument("--folders", default="INBOX,Sent,Archive/2024,Archive/2025,Lists/dev")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("--big", type=int, default=0)
    args = parser.parse_args()
    if args.big:
        rng = random.Random(4242)
        when, content = message(rng, 0, "INBOX", True, size=args.big)
        write(args.root, "INBOX", 0, when, content, "S")
        return
    folders = args.folders.split(",")
    for i in range(args.start, args.start + args.n):
        rng = random.Random(i)
        folder = folders[0] if rng.random() < 0.5 else folders[i % len(folders)]
        when, content = message(rng, i, folder, args.tiny)
        write(args.root, folder, i, when, content, flags(rng))


if __name__ == "__main__":
    main()
