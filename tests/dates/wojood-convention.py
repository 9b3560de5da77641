#!/usr/bin/env python3
"""Rewrites the DATE spans of a Wojood CoNLL file to alam's span convention.

Usage: wojood-convention.py IN.conll > OUT.conll
       alam eval --scheme wojood OUT.conll

Wojood puts prepositions, the trigger noun تاريخ and brackets inside DATE
(`منذ عامين`, `بتاريخ ( 21 / 4 / 1948 )`, `عام ( 1976 )`).  alam keeps
them out (ANNOTATION.md): prepositions and تاريخ are context, and a date
written in brackets is the text inside them.  This script moves only those
DATE boundaries, token by token, so that `alam eval` measures the grammar
rather than the two conventions.  Every other tag is copied unchanged.
"""
import sys

PREPOSITIONS = {"في", "منذ", "حتى", "قبل", "بعد", "خلال", "بتاريخ", "تاريخ"}
PUNCT = {"(", ")", ":", "/", ",", "،", "-", ".", '"'}


def bare(tok):
    """The token without a leading و (ومنذ -> منذ)."""
    return tok[1:] if tok.startswith("و") and tok[1:] in PREPOSITIONS else tok


def adjust(tokens, first, last):
    """alam's boundaries for the DATE tokens[first..last], or None."""
    while first <= last and (bare(tokens[first]) in PREPOSITIONS or
                             tokens[first] in PUNCT):
        first += 1
    span = tokens[first:last + 1]
    if "(" in span and ")" in span[span.index("("):]:
        open_ = first + span.index("(")
        close = open_ + span[span.index("("):].index(")")
        first, last = open_ + 1, close - 1
    while first <= last and tokens[first] in PUNCT:
        first += 1
    while last >= first and tokens[last] in PUNCT:
        last -= 1
    return (first, last) if first <= last else None


def rewrite(sentence):
    tokens = [row[0] for row in sentence]
    width = max(len(row) for row in sentence)
    for col in range(1, width):
        tags = [row[col] if col < len(row) else "O" for row in sentence]
        i = 0
        while i < len(tags):
            if tags[i] != "B-DATE":
                i += 1
                continue
            j = i
            while j + 1 < len(tags) and tags[j + 1] == "I-DATE":
                j += 1
            new = adjust(tokens, i, j)
            for k in range(i, j + 1):
                tags[k] = "O"
            if new:
                tags[new[0]] = "B-DATE"
                for k in range(new[0] + 1, new[1] + 1):
                    tags[k] = "I-DATE"
            i = j + 1
        for row, tag in zip(sentence, tags):
            if col < len(row):
                row[col] = tag
    return sentence


def main():
    sentence = []
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if not fields:
                for row in rewrite(sentence) if sentence else []:
                    out.write(" ".join(row) + "\n")
                out.write("\n")
                sentence = []
            elif fields[0] == "$#$":
                continue
            else:
                sentence.append(fields)
    for row in rewrite(sentence) if sentence else []:
        out.write(" ".join(row) + "\n")


if __name__ == "__main__":
    main()
