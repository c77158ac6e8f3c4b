#!/usr/bin/env python3
"""Makes the broken logos the layout catalogue refers to, from scratch (PNG)
or from base.jpg (a 34 x 47 JPEG that pdftoppm rendered from an example's
cover). Run from this folder after changing it; the files are committed so
that the catalogue needs no Python."""
import struct
import zlib


def chunk(kind, data, crc=None):
    c = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", c & 0xFFFFFFFF)


SIG = b"\x89PNG\r\n\x1a\n"


def png(width, height, colour_type=2, interlace=0, idat=None, plte=True, bad_crc=False):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, interlace)
    channels = {0: 1, 2: 3, 3: 1, 6: 4}[colour_type]
    if idat is None:
        raw = b"".join(b"\0" + bytes([(x * 40 + y * 20) % 256 for x in range(width * channels)])
                       for y in range(height))
        idat = zlib.compress(raw)
    out = SIG + chunk(b"IHDR", ihdr)
    if colour_type == 3 and plte:
        out += chunk(b"PLTE", bytes(range(0, 256, 32)) * 3)
    out += chunk(b"IDAT", idat, crc=0x12345678 if bad_crc else None)
    return out + chunk(b"IEND", b"")


def adam7(width, height):
    """Pixel rows of an interlaced RGB image, pass by pass."""
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
              (0, 1, 1, 2)]
    raw = b""
    for x0, y0, dx, dy in passes:
        cols = len(range(x0, width, dx))
        for _ in range(y0, height, dy):
            if cols:
                raw += b"\0" + bytes(3 * cols)
    return zlib.compress(raw)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


good = png(8, 8)
write("good.png", good)
write("bad-crc.png", png(8, 8, bad_crc=True))
write("truncated.png", good[: len(good) - 30])
write("empty.png", b"")
write("palette-without-plte.png", png(8, 8, colour_type=3, plte=False))
write("huge-declared.png", png(30000, 30000, idat=zlib.compress(b"\0" * 100)))
write("interlaced.png", png(8, 8, interlace=1, idat=adam7(8, 8)))

jpeg = open("base.jpg", "rb").read()
# Cut in the middle of its pixels, after the start of scan.
write("truncated.jpg", jpeg[: (jpeg.index(b"\xff\xda") + len(jpeg)) // 2])
# The start-of-frame's height and width, set to 65500.
sof = jpeg.index(b"\xff\xc0")
huge = bytearray(jpeg)
huge[sof + 5:sof + 9] = struct.pack(">HH", 65500, 65500)
write("huge-declared.jpg", bytes(huge))
# 0xFF padding before a marker: libjpeg reads it, the PDF library does not.
second = jpeg.index(b"\xff", 2)
write("padded.jpg", jpeg[:second] + b"\xff" * 8 + jpeg[second:])
