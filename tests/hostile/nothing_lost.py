#!/usr/bin/env python3
"""Feeds thousands of random and malformed records through `alam --lines`
and `alam --jsonl` and checks that the output has exactly one valid JSON
record per input record, and that every entity lies inside its record with
text equal to the record sliced at its offsets.  Prints ok / not ok lines."""
import json
import random
import subprocess
import sys

ALAM = sys.argv[1:]
rnd = random.Random(20261128)
ARABIC = "زار الرئيس الفرنسي إيمانويل ماكرون بغداد يوم الخميس فرنسا وباريس 4 مارس 2021 ".split()
NASTY = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xed\xbf\xbf",
         b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\x00", b"\r", b"\x1b[31m",
         b"\xd8", b"\xe2\x80\x8f", b"\xd9\x80" * 20, b"\xd9\x8e" * 30, b'"', b"\\", b"{", b"}"]


def record(i):
    kind = i % 6
    if kind == 0:
        return bytes(rnd.randrange(256) for _ in range(rnd.randrange(200))).replace(b"\n", b" ")
    words = [rnd.choice(ARABIC).encode() for _ in range(rnd.randrange(1, 30))]
    for _ in range(rnd.randrange(4)):
        words.insert(rnd.randrange(len(words) + 1), rnd.choice(NASTY))
    return b" ".join(words).replace(b"\n", b" ")


def check(name, ok, why=""):
    print(("ok " if ok else "not ok ") + name + ("" if ok else ": " + why))
    return ok


def run(args, data):
    p = subprocess.run(ALAM + args, input=data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return p.returncode, p.stdout.split(b"\n")[:-1]


def entities_inside(doc_bytes, out, byte_offsets):
    text = doc_bytes.decode("utf-8", "replace") if not byte_offsets else None
    for e in out.get("entities", []):
        s, t = e["start"], e["end"]
        if byte_offsets:
            if not (0 <= s < t <= len(doc_bytes)) or doc_bytes[s:t].decode("utf-8", "replace") != e["text"]:
                return False
        elif not (0 <= s < t <= len(text)) or text[s:t] != e["text"]:
            return False
    return True


def lines_mode(recs, byte_offsets):
    mode = ["--offsets", "bytes"] if byte_offsets else []
    data = b"".join(r + b"\n" for r in recs)
    rc, out = run(["--lines", "-j", "3"] + mode, data)
    good = check(f"--lines {'bytes' if byte_offsets else 'chars'}: one record out per record in",
                 len(out) == len(recs), f"{len(out)} != {len(recs)}")
    bad = 0
    for r, o in zip(recs, out):
        try:
            obj = json.loads(o)
        except ValueError:
            bad += 1
            continue
        doc = r[:-1] if r.endswith(b"\r") else r
        if not entities_inside(doc, obj, byte_offsets):
            bad += 1
    check("--lines: every output valid JSON, every entity inside its record", good and bad == 0,
          f"{bad} bad")


def jsonl_mode(recs):
    lines = []
    for i, r in enumerate(recs):
        if i % 4 == 0:
            lines.append(r)              # raw garbage as a JSON line
        else:
            lines.append(json.dumps({"id": i, "text": r.decode("utf-8", "replace")},
                                    ensure_ascii=bool(i % 2)).encode())
    data = b"\n".join(lines) + b"\n"
    rc, out = run(["--jsonl", "-j", "2"], data)
    check("--jsonl: one record out per record in", len(out) == len(lines), f"{len(out)} != {len(lines)}")
    bad = 0
    for i, (l, o) in enumerate(zip(lines, out)):
        try:
            obj = json.loads(o)
        except ValueError:
            bad += 1
            continue
        if "error" in obj and "line" in obj:
            if obj["line"] != i + 1:
                bad += 1
            continue
        text = json.loads(l)["text"].encode("utf-8")
        if obj.get("id") != i or not entities_inside(text, obj, False):
            bad += 1
    check("--jsonl: valid JSON, ids kept, errors name their line, entities inside", bad == 0, f"{bad} bad")
    check("--jsonl: exit 1 with bad records", rc == 1, f"rc={rc}")


recs = [record(i) for i in range(3000)]
lines_mode(recs, False)
lines_mode(recs, True)
jsonl_mode(recs)
