#!/usr/bin/env python3
"""Checks that PNG screenshots are real pages, not blank: decodes each PNG with
the standard library (zlib + the PNG row filters) and requires a minimum size
and a minimum number of distinct colours. Usage: png_check.py FILE.png..."""
import struct
import sys
import zlib

MIN_WIDTH, MIN_HEIGHT = 320, 400
MIN_COLOURS = 16          # text, badges, borders and backgrounds
MIN_INK_ROWS = 0.10       # share of rows that are not one flat colour


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour {colour}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride, bpp = width * channels, channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def check(path):
    width, height, channels, rows = decode(path)
    colours, ink_rows = set(), 0
    for row in rows[::4]:
        pixels = {row[i:i + channels] for i in range(0, len(row), channels * 2)}
        colours |= pixels
        if len(pixels) > 1:
            ink_rows += 1
    ink = ink_rows / max(1, len(rows[::4]))
    problems = []
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        problems.append(f"too small: {width}x{height}")
    if len(colours) < MIN_COLOURS:
        problems.append(f"only {len(colours)} distinct colours (blank page?)")
    if ink < MIN_INK_ROWS:
        problems.append(f"only {ink:.0%} of rows have content")
    print(f"{path}: {width}x{height}, {len(colours)} colours, {ink:.0%} rows with content"
          + ("" if not problems else " — " + "; ".join(problems)))
    return not problems


if __name__ == "__main__":
    ok = all([check(p) for p in sys.argv[1:]]) and len(sys.argv) > 1
    sys.exit(0 if ok else 1)
