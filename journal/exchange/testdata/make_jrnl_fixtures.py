#!/usr/bin/env python3
"""Writes the jrnl fixtures as jrnl itself writes them.

The logic below follows jrnl's own code (jrnl-org/jrnl: journals/Entry.py
__str__ and tag_regex, plugins/exporter/json.py, encryption/Jrnlv1Encryption.py,
Jrnlv2Encryption.py, Jrnlv3Encryption.py), using the same `cryptography`
primitives, so the files are byte-for-byte what jrnl would produce (up to the
random IVs and salts). Run from this folder: python3 make_jrnl_fixtures.py
"""
import base64
import datetime
import hashlib
import json
import os
import re
import struct

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PASSWORD = "a hope in my own words"
TIMEFORMAT = "%Y-%m-%d %H:%M"

# (date, title, body, starred), as jrnl holds them after parsing.
ENTRIES = [
    (datetime.datetime(2021, 3, 4, 9, 15), "Woke up early and walked to the river.",
     "It was cold, but the light on the water was lovely.\n\nI'd like to do this again next week. @walking @Morning",
     False),
    (datetime.datetime(2021, 3, 5, 21, 40), "Therapy day: a lot to think about.",
     "We talked about what helps when things get heavy:\n   - calling my sister\n   - music with headphones\n\n"
     "[not a date] just a note in brackets.\n@support @sister-anna",
     True),
    (datetime.datetime(2021, 3, 7, 13, 5), "Caf\u00e9 with L\u00e9a \u2615\ufe0f\U0001F331 \u2014 first time out in weeks.",
     "Email me@example.com isn't a tag, but @caf\u00e9 is. Tabs\tstay as\twritten.",
     False),
    (datetime.datetime(2021, 3, 8, 8, 0), "Short one.", "", False),
    (datetime.datetime(2021, 3, 9, 23, 59), "Late night.", "", True),
]

TAG_RE = re.compile(r"(?<!\S)([@][-+*#/\w]+)")


def tags(title, body):
    return sorted({t.lower() for t in TAG_RE.findall(title + "\n" + body)})


def entry_str(date, title, body, starred):
    # jrnl/journals/Entry.py: Entry.__str__
    date_str = date.strftime(TIMEFORMAT)
    t = "[{}] {}".format(date_str, title.rstrip("\n "))
    if starred:
        t += " *"
    return "{title}{sep}{body}\n".format(
        title=t, sep="\n" if body.rstrip("\n ") else "", body=body.rstrip("\n "))


def journal_text():
    # jrnl/journals/Journal.py: Journal._to_text
    return "\n".join(entry_str(*e) for e in ENTRIES)


def journal_json():
    # jrnl/plugins/exporter/json.py: Exporter.export_journal
    all_tags = [t for e in ENTRIES for t in set(tags(e[1], e[2]))]
    counts = {(all_tags.count(t), t) for t in all_tags}
    result = {
        "tags": {tag: count for count, tag in sorted(counts)},
        "entries": [
            {
                "title": title,
                "body": body,
                "date": date.strftime("%Y-%m-%d"),
                "time": date.strftime("%H:%M"),
                "tags": tags(title, body),
                "starred": starred,
            }
            for date, title, body, starred in ENTRIES
        ],
    }
    return json.dumps(result, indent=2)


def kdf(salt):
    k = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=100_000)
    return base64.urlsafe_b64encode(k.derive(PASSWORD.encode("utf-8")))


def v1(text):
    # jrnl 1.x: AES-256-CBC, key sha256(password), IV first, PKCS#7.
    key = hashlib.sha256(PASSWORD.encode("utf-8")).digest()
    iv = os.urandom(16)
    padder = padding.PKCS7(algorithms.AES.block_size).padder()
    padded = padder.update(text.encode("utf-8")) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return iv + enc.update(padded) + enc.finalize()


def v2(text):
    salt = b"\xf2\xd5q\x0e\xc1\x8d.\xde\xdc\x8e6t\x89\x04\xce\xf8"
    return Fernet(kdf(salt)).encrypt(text.encode("utf-8"))


def v3(text):
    salt = os.urandom(16)
    header = json.dumps({"salt": base64.urlsafe_b64encode(salt).decode("ascii")},
                        separators=(",", ":")).encode("utf-8")
    header = base64.urlsafe_b64encode(header)
    return b"JRNLv3" + struct.pack(">H", len(header)) + header + Fernet(kdf(salt)).encrypt(text.encode("utf-8"))


if __name__ == "__main__":
    text = journal_text()
    with open("jrnl.txt", "w", encoding="utf-8", newline="") as f:
        f.write(text)
    with open("jrnl.json", "w", encoding="utf-8", newline="") as f:
        f.write(journal_json())
    for name, fn in (("jrnl-v1.enc", v1), ("jrnl-v2.enc", v2), ("jrnl-v3.enc", v3)):
        with open(name, "wb") as f:
            f.write(fn(text))
