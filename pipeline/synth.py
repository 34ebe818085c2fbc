"""Synthetic scanned pages with exact ground truth, for tests and the benchmark.

Real council scans cannot be shipped with exact transcriptions, so we render
Swedish text ourselves and then damage it the way archives damage paper:
skew from the feeder, fax thresholding and speckle, photocopier gradients and
JPEG, low scan resolution.  Because we lay the text out ourselves we know the
ground truth line by line, which is what CER needs.

Everything is seeded: ``python -m pipeline.synth OUTDIR`` writes the same
bytes on every run (Pillow, NumPy's PCG64 and libjpeg are deterministic).

Public API::

    FONTS                                   # family -> TTF path (first installed)
    layout(text, font, ...) -> list[list[str]]   # pages of rendered lines
    render_page(text, font, ...) -> PIL.Image    # one page, img.info["ground_truth"]
    degrade(img, quality, seed) -> PIL.Image     # img.info["degradation"]
    write_pdf(images, path, dpi)
    generate(outdir, texts=None, seed=...) -> list[dict]  # the benchmark set
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_WIDTH_300DPI = 2480
A4_HEIGHT_300DPI = 3508

# Candidates in order of preference; the first installed file wins.  These are
# the Debian packages fonts-dejavu, fonts-liberation and fonts-freefont-ttf.
_FONT_CANDIDATES: dict[str, list[str]] = {
    "serif": [
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    ],
    "sans": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    ],
    "mono": [  # typewriter-like
        "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    ],
}


def _installed_fonts() -> dict[str, str]:
    found: dict[str, str] = {}
    for family, paths in _FONT_CANDIDATES.items():
        for p in paths:
            if Path(p).is_file():
                found[family] = p
                break
    return found


FONTS: dict[str, str] = _installed_fonts()

QUALITIES: tuple[str, ...] = ("clean", "skewed", "fax", "photocopy", "lowres")

# Written for this project (not taken from any archive): a short protocol
# extract used when samples/texts/ is empty, so the generator always works.
DEFAULT_TEXTS: dict[str, str] = {
    "protokoll-default": """\
SAMMANTRÄDESPROTOKOLL
Kommunstyrelsen 2012-05-21

§ 45 Dnr KS 2012/118
Budget för äldreomsorgen 2013

Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta förvaltningens förslag till budget för äldreomsorgen 2013 med de ändringar som framgår av bilaga 2.

Ärendet
Socialnämnden har i skrivelse den 3 april 2012 begärt att ramen för äldreomsorgen räknas upp med 4,5 % inför nästa år. Antalet personer över 80 år i kommunen väntas öka från 1 240 till 1 315 under perioden, och behovet av platser på särskilt boende följer samma kurva. Förvaltningen bedömer att 100% av de nya platserna kan tas i bruk först under hösten.

Ärendet har tidigare behandlats i KS § 12 och i protokoll § 31. Enligt § 96 i arbetsordningen ska ärenden som rör flera nämnder beredas gemensamt, vilket har skett vid två möten under våren.

Överläggning
Under överläggningen yrkar Åsa Lindqvist (M) bifall till förslaget. Örjan Bäckström (S) yrkar att ramen höjs med ytterligare 2 miljoner kronor och att 8 nya platser öppnas redan den 1/7 2013.

Ordföranden ställer proposition på yrkandena och finner att kommunstyrelsen bifaller förvaltningens förslag.

Reservation
Örjan Bäckström (S) reserverar sig mot beslutet till förmån för eget yrkande.

Justerare ____________________ Ordförande ____________________
""",
    "motion-default": """\
Motion till kommunfullmäktige

Motion om fler laddplatser vid kommunens förskolor

Allt fler föräldrar i vår kommun kör elbil eller laddhybrid. Enligt länsstyrelsens statistik var andelen laddbara bilar bland nyregistrerade personbilar 38 % under förra året, jämfört med 11 % tre år tidigare. Den som hämtar och lämnar barn på förskolan har ofta bara några minuter, men för personalen som arbetar hela dagen vore det en stor hjälp att kunna ladda vid arbetsplatsen.

Kommunen har redan antagit en klimatstrategi (KF § 112, 2019-11-25) där målet är att 25 % av kommunens egna resor ska ske med fossilfria fordon år 2025. Laddplatser vid förskolorna skulle bidra både till detta mål och till att göra kommunen till en mer attraktiv arbetsgivare.

Kostnaden för en enkel laddbox är i dag omkring 15 000 kronor inklusive installation. Med ett statligt bidrag på 50 % blir kommunens del begränsad, och avgiften för laddningen kan sättas så att driften blir självfinansierande.

Med anledning av ovanstående föreslår jag

att tekniska nämnden får i uppdrag att utreda hur laddplatser kan anordnas vid samtliga kommunala förskolor,

att utredningen redovisas för kommunstyrelsen senast den 30 juni 2021.

Göran Sjöström (C)
""",
}


def font_size_px(pt: float, dpi: int) -> int:
    """Point size to pixels: 1 pt = 1/72 inch."""
    return max(6, round(pt * dpi / 72))


def _load_font(font: str, size_px: int) -> ImageFont.FreeTypeFont:
    path = FONTS.get(font, font)
    if not Path(path).is_file():
        raise FileNotFoundError(
            f"font {font!r} not found; install fonts-dejavu, fonts-liberation and fonts-freefont-ttf"
        )
    return ImageFont.truetype(path, size_px)


def _wrap_paragraph(par: str, fnt: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Greedy word wrap by rendered pixel width (what a word processor does)."""
    words = par.split()
    lines: list[str] = []
    cur = ""
    for w in words:
        cand = f"{cur} {w}" if cur else w
        if cur and fnt.getlength(cand) > max_width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


def _geometry(width_px: int, dpi: int, pt: float, margin_mm: float, line_spacing: float) -> tuple[int, int, int]:
    size = font_size_px(pt, dpi)
    margin = round(margin_mm / 25.4 * dpi)
    pitch = round(size * line_spacing)
    return size, margin, pitch


def layout(
    text: str,
    font: str,
    *,
    width_px: int = A4_WIDTH_300DPI,
    height_px: int | None = A4_HEIGHT_300DPI,
    dpi: int = 300,
    pt: float = 11.5,
    margin_mm: float = 25.0,
    line_spacing: float = 1.25,
) -> list[list[str]]:
    """Wrap ``text`` and split it into pages; returns pages of lines.

    Paragraphs are separated by blank lines in ``text`` (a single newline is a
    forced line break, as in a letterhead); a form feed forces a new page.  A blank line stays a blank
    rendered line.  ``height_px=None`` puts everything on one page that grows
    to fit, handy for small test images.
    """
    if "\f" in text:  # samples/texts mark the original page breaks with a form feed
        return [p for chunk in text.split("\f") if chunk.strip()
                for p in layout(chunk, font, width_px=width_px, height_px=height_px, dpi=dpi, pt=pt,
                                margin_mm=margin_mm, line_spacing=line_spacing)]
    size, margin, pitch = _geometry(width_px, dpi, pt, margin_mm, line_spacing)
    fnt = _load_font(font, size)
    max_w = width_px - 2 * margin
    lines: list[str] = []
    for raw in text.strip("\n").split("\n"):
        raw = raw.strip()
        lines.extend(_wrap_paragraph(raw, fnt, max_w) if raw else [""])
    if height_px is None:
        return [lines]
    per_page = max(1, (height_px - 2 * margin) // pitch)
    pages: list[list[str]] = []
    cur: list[str] = []
    for ln in lines:
        if len(cur) >= per_page:
            pages.append(cur)
            cur = []
        if not cur and not ln:  # no blank line at the top of a page
            continue
        cur.append(ln)
    if cur:
        pages.append(cur)
    for p in pages:  # nor at the bottom
        while p and not p[-1]:
            p.pop()
    return [p for p in pages if p]


def ground_truth(lines: Sequence[str]) -> str:
    """The transcription of rendered lines: one line per line, blank lines kept."""
    return "\n".join(lines).strip("\n") + "\n"


def render_page(
    text: str,
    font: str,
    width_px: int = A4_WIDTH_300DPI,
    height_px: int | None = A4_HEIGHT_300DPI,
    *,
    dpi: int = 300,
    pt: float = 11.5,
    margin_mm: float = 25.0,
    line_spacing: float = 1.25,
) -> Image.Image:
    """Render ``text`` (already one page, or it is cut at the page bottom) in ``font``.

    ``font`` is a family of ``FONTS`` ("serif", "sans", "mono") or a TTF path.
    Returns an 8-bit grayscale image; ``img.info["ground_truth"]`` is the exact
    text as rendered (line breaks included) and ``img.info["dpi"]`` the
    resolution, which Pillow writes into PNG/TIFF/PDF.
    """
    pages = layout(text, font, width_px=width_px, height_px=height_px, dpi=dpi, pt=pt,
                   margin_mm=margin_mm, line_spacing=line_spacing)
    lines = pages[0] if pages else []
    size, margin, pitch = _geometry(width_px, dpi, pt, margin_mm, line_spacing)
    fnt = _load_font(font, size)
    height = height_px if height_px is not None else 2 * margin + pitch * max(1, len(lines))
    img = Image.new("L", (width_px, height), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    for ln in lines:
        if ln:
            draw.text((margin, y), ln, font=fnt, fill=0)
        y += pitch
    img.info["ground_truth"] = ground_truth(lines)
    img.info["dpi"] = (dpi, dpi)
    return img


# ---------------------------------------------------------------- degradation

def _rotate(img: Image.Image, angle: float) -> Image.Image:
    """Rotate about the centre, keeping the page size (a skewed feed, not a turned page)."""
    return img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)


def _noise(arr: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    return np.clip(arr.astype(np.float32) + rng.standard_normal(arr.shape, dtype=np.float32) * sigma, 0, 255)


def _resize(img: Image.Image, factor: float) -> Image.Image:
    w, h = img.size
    return img.resize((max(1, round(w * factor)), max(1, round(h * factor))), Image.LANCZOS)


def _skew_angle(rng: np.random.Generator, lo: float, hi: float) -> float:
    return round(float(rng.uniform(lo, hi)) * (1 if rng.random() < 0.5 else -1), 3)


def degrade(img: Image.Image, quality: str, seed: int) -> Image.Image:
    """Damage a rendered page the way a given kind of scan does.

    ``clean``      unchanged (a born-digital print, scanned well)
    ``skewed``     rotated 1.5-4 degrees either way, mild blur and sensor noise
    ``fax``        ~2.5 degrees skew, 200 dpi, hard threshold, salt-and-pepper
                   speckle; half the seeds are re-upscaled to the original size
    ``photocopy``  uneven gray background, gray toner, blur, JPEG artifacts
    ``lowres``     150 dpi with a slight blur

    Returns a grayscale image; ``info["degradation"]`` records the parameters
    (notably ``skew_deg``, the counter-clockwise rotation applied) and
    ``info["dpi"]`` the resulting resolution.
    """
    if quality not in QUALITIES:
        raise ValueError(f"quality must be one of {QUALITIES}, not {quality!r}")
    rng = np.random.default_rng(seed)
    src_dpi = int(img.info.get("dpi", (300, 300))[0])
    gt = img.info.get("ground_truth")
    im = img.convert("L")
    params: dict[str, Any] = {"quality": quality, "seed": seed, "skew_deg": 0.0}
    dpi = src_dpi

    if quality == "skewed":
        angle = _skew_angle(rng, 1.5, 4.0)
        im = _rotate(im, angle)
        blur = round(float(rng.uniform(0.5, 0.9)), 2)
        im = im.filter(ImageFilter.GaussianBlur(blur))
        arr = _noise(np.asarray(im), rng, 10.0)
        im = Image.fromarray(arr.astype(np.uint8))
        params.update(skew_deg=angle, blur=blur, noise_sigma=10.0)

    elif quality == "fax":
        angle = _skew_angle(rng, 2.2, 2.8)
        im = _rotate(im, angle)
        factor = 200 / src_dpi
        im = _resize(im, factor)
        arr = np.asarray(im).astype(np.float32)
        thr = float(rng.uniform(150, 175))
        binary = np.where(arr < thr, 0, 255).astype(np.uint8)
        density = float(rng.uniform(0.002, 0.004))
        mask = rng.random(binary.shape)
        binary[mask < density] = 0  # pepper: black specks
        binary[mask > 1 - density / 4] = 255  # salt: dropouts in strokes
        # fax lines: a few short horizontal streaks
        h, w = binary.shape
        for _ in range(int(rng.integers(2, 6))):
            y, x0 = int(rng.integers(0, h)), int(rng.integers(0, w // 2))
            binary[y, x0 : x0 + int(rng.integers(30, 200))] = 0
        im = Image.fromarray(binary)
        dpi = 200
        upscale = bool(rng.random() < 0.5)
        if upscale:
            im = im.resize(img.size, Image.NEAREST)
            dpi = src_dpi
        params.update(skew_deg=angle, threshold=round(thr, 1), speckle_density=round(density, 4),
                      scanned_dpi=200, reupscaled=upscale)

    elif quality == "photocopy":
        angle = round(float(rng.uniform(-0.8, 0.8)), 3)
        im = _rotate(im, angle)
        arr = np.asarray(im).astype(np.float32) / 255.0
        h, w = arr.shape
        xx = (np.arange(w, dtype=np.float32) / w - 0.5)[None, :]
        yy = (np.arange(h, dtype=np.float32) / h - 0.5)[:, None]
        gx, gy = (float(v) for v in rng.uniform(-1, 1, 2))
        grad = gx * xx + gy * yy  # a linear light fall-off in a random direction
        span = max(1e-6, abs(gx) + abs(gy))
        paper = 235 - 50 * (grad + span / 2) / span - 60 * (xx ** 2 + yy ** 2)
        toner = float(rng.uniform(50, 90))
        out = paper * arr + toner * (1 - arr)
        out = _noise(out, rng, 6.0)
        im = Image.fromarray(out.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.1))
        q = int(rng.integers(20, 35))
        buf = io.BytesIO()
        im.save(buf, format="JPEG", quality=q)
        im = Image.open(io.BytesIO(buf.getvalue())).convert("L")
        params.update(skew_deg=angle, toner=round(toner, 1), jpeg_quality=q, blur=1.1)

    elif quality == "lowres":
        im = _resize(im, 150 / src_dpi).filter(ImageFilter.GaussianBlur(0.4))
        dpi = 150
        params.update(scanned_dpi=150)

    im.info["degradation"] = params
    im.info["dpi"] = (dpi, dpi)
    if gt is not None:
        im.info["ground_truth"] = gt
    return im


def write_pdf(images: Sequence[Image.Image], path: str | Path, dpi: int | float = 300) -> None:
    """Write a scanned-image PDF (one image per page, no text layer).

    Pillow's PDF writer embeds each image (JPEG for grayscale, lossless for
    1-bit) at the stated resolution, which is what a scanner produces.
    The output is byte-reproducible (fixed creation date).
    """
    if not images:
        raise ValueError("write_pdf needs at least one image")
    first, *rest = [im.convert("L") for im in images]
    # Fixed dates: Pillow otherwise stamps the current time, and the set must
    # be byte-reproducible.
    fixed = time.struct_time((2000, 1, 1, 0, 0, 0, 5, 1, 0))
    first.save(str(path), format="PDF", save_all=True, append_images=rest, resolution=float(dpi),
               creationDate=fixed, modDate=fixed, producer="kommunarkiv pipeline.synth")


# ------------------------------------------------------------- benchmark set

def load_texts(directory: str | Path | None = None) -> dict[str, str]:
    """``samples/texts/*.txt`` (sorted by name), or the built-in default texts."""
    d = Path(directory) if directory else Path(__file__).resolve().parent.parent / "samples" / "texts"
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))} if d.is_dir() else {}
    return texts or dict(DEFAULT_TEXTS)


def _fmt_for(index: int, quality: str) -> str:
    """Spread file formats over the set deterministically (PNG is the majority)."""
    if index % 7 == 3:
        return "jpg"
    return "png"


def generate(
    outdir: str | Path,
    texts: dict[str, str] | None = None,
    *,
    seed: int = 20240501,
    qualities: Sequence[str] = ("clean", "skewed", "fax", "photocopy", "lowres"),
    fonts: Sequence[str] = ("serif", "sans", "mono"),
    max_pages: int = 30,
) -> list[dict[str, Any]]:
    """Write the benchmark set into ``outdir`` and return the manifest entries.

    Every quality x font combination gets one page; text pages are dealt out
    round-robin so every text is used.  Additionally one two-page TIFF and one
    two-page scanned PDF are written.  Multi-page ground truth separates pages
    with a form feed (``\\f``), like ``tesseract`` does.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    texts = texts if texts is not None else load_texts()
    # pages per (text, font): wrapping depends on the font
    paged: dict[tuple[str, str], list[list[str]]] = {
        (name, f): layout(t, f) for name, t in texts.items() for f in fonts
    }
    combos = [(q, f) for q in qualities for f in fonts]
    n_text_pages = sum(len(paged[(name, fonts[0])]) for name in texts)
    # every combination once; more pages (up to max_pages) only to use every text page
    total = max(len(combos), min(max_pages, n_text_pages))
    flat = [(name, i) for name in texts for i in range(len(paged[(name, fonts[0])]))]
    entries: list[dict[str, Any]] = []

    def page_image(name: str, font: str, page_idx: int, quality: str, s: int) -> Image.Image:
        pages = paged[(name, font)]
        lines = pages[min(page_idx, len(pages) - 1)]
        img = render_page("\n".join(lines), font)
        img.info["ground_truth"] = ground_truth(lines)  # exact, even if re-wrapping were different
        return degrade(img, quality, s)

    for k in range(total):
        quality, font = combos[k % len(combos)]
        name, pidx = flat[k % len(flat)]
        s = seed + k
        img = page_image(name, font, pidx, quality, s)
        fmt = _fmt_for(k, quality)
        stem = f"{k:03d}-{name}-p{pidx + 1}-{quality}-{font}"
        img_path = out / f"{stem}.{fmt}"
        dpi = img.info["dpi"]
        if fmt == "jpg":
            img.save(img_path, format="JPEG", quality=85, dpi=dpi)
        else:
            img.save(img_path, format="PNG", dpi=dpi, optimize=False)
        (out / f"{stem}.gt.txt").write_text(img.info["ground_truth"], encoding="utf-8")
        entries.append({"image": img_path.name, "gt": f"{stem}.gt.txt", "font": font,
                        "font_file": FONTS[font], "quality": quality, "format": fmt, "pages": 1,
                        "dpi": int(dpi[0]), "text": name, "text_page": pidx + 1,
                        "degradation": img.info["degradation"]})

    # multi-page containers: two consecutive text pages of the first text
    name = next(iter(texts))
    def pick(preferred: str, fallback: str) -> str:
        return preferred if preferred in qualities else fallback

    containers = (("tif", pick("skewed", qualities[0]), fonts[0]),
                  ("pdf", pick("photocopy", qualities[-1]), fonts[min(1, len(fonts) - 1)]))
    for j, (fmt, quality, font) in enumerate(containers):
        s = seed + 1000 + j
        imgs = [page_image(name, font, p, quality, s + p) for p in range(2)]
        stem = f"{total + j:03d}-{name}-multi-{quality}-{font}"
        img_path = out / f"{stem}.{fmt}"
        dpi = imgs[0].info["dpi"]
        if fmt == "tif":
            imgs[0].save(img_path, format="TIFF", save_all=True, append_images=imgs[1:],
                         compression="tiff_lzw", dpi=dpi)
        else:
            write_pdf(imgs, img_path, dpi[0])
        gt = "\f".join(im.info["ground_truth"] for im in imgs)
        (out / f"{stem}.gt.txt").write_text(gt, encoding="utf-8")
        entries.append({"image": img_path.name, "gt": f"{stem}.gt.txt", "font": font,
                        "font_file": FONTS[font], "quality": quality, "format": fmt,
                        "pages": len(imgs), "dpi": int(dpi[0]), "text": name, "text_page": 1,
                        "page_separator": "\f",
                        "degradation": [im.info["degradation"] for im in imgs]})

    manifest = {"generator": "pipeline.synth", "seed": seed, "entries": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    return entries


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.synth",
                                 description="Write synthetic degraded council pages with ground truth.")
    ap.add_argument("outdir")
    ap.add_argument("--texts", help="directory of *.txt (default samples/texts)")
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--max-pages", type=int, default=30)
    ap.add_argument("--qualities", default=",".join(QUALITIES), help="comma-separated subset of " + ",".join(QUALITIES))
    ap.add_argument("--fonts", default="serif,sans,mono")
    a = ap.parse_args(list(argv) if argv is not None else None)
    missing = set(_FONT_CANDIDATES) - set(FONTS)
    if missing:
        print(f"missing fonts for {sorted(missing)}: apt-get install fonts-dejavu fonts-liberation "
              "fonts-freefont-ttf", file=sys.stderr)
        return 3
    t0 = time.monotonic()
    qualities = tuple(q for q in a.qualities.split(",") if q)
    fonts = tuple(f for f in a.fonts.split(",") if f)
    bad = [q for q in qualities if q not in QUALITIES] + [f for f in fonts if f not in FONTS]
    if bad:
        ap.error(f"unknown quality or font: {', '.join(bad)}")
    entries = generate(a.outdir, load_texts(a.texts), seed=a.seed, max_pages=a.max_pages,
                       qualities=qualities, fonts=fonts)
    pages = sum(e["pages"] for e in entries)
    print(f"wrote {len(entries)} files ({pages} pages) to {a.outdir} in {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
