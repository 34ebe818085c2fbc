"""OpenCV clean-up of a scanned page before Tesseract.

Tesseract reads well-scanned pages almost perfectly but degrades fast on what
archives actually hold: fax copies (thresholded, speckled, skewed), photocopies
with gray uneven backgrounds, and 150-200 dpi scans.  ``clean`` undoes those
defects in a fixed order and records every operation it measured or applied as
a ``Step`` so the JSON output explains what was done to each page:

1. ``grayscale``   colour/alpha/16-bit to 8-bit gray
2. ``rescale``     upscale when characters are small, measured from connected
                   component heights (DPI metadata is often missing or wrong)
3. ``background``  divide by a large-scale background estimate, which flattens
                   photocopier gradients and yellowed paper before thresholding
4. ``binarize``    global Otsu on the flattened image
5. ``despeckle``   drop tiny connected components that are far from any
                   character (fax speckle: thousands of them make Tesseract's
                   layout analysis crawl and emit garbage "words"), and black
                   scanner borders
6. ``orientation`` 90/180/270 degree turn from Tesseract OSD, when confident
7. ``deskew``      projection-profile angle search (+-``max_skew``), 0.05 deg
                   resolution, applied when at least ``min_skew``
8. ``binarize``    the Otsu threshold; the binary image is returned only with
                   ``binarize=True`` (default: flattened gray, see ``clean``)

The result is an 8-bit gray image.  Every step is deterministic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from .errors import MissingDependencyError
from .model import Step

# Tesseract reads best with characters around 20-40 px high (x-height ~20 px);
# below ~15 px accuracy falls quickly.  We upscale pages whose median
# character height is under MIN_CHAR_HEIGHT to TARGET_CHAR_HEIGHT.
MIN_CHAR_HEIGHT = 20.0
TARGET_CHAR_HEIGHT = 30.0
MAX_UPSCALE = 4.0
# Pages with huge characters (600+ dpi) are shrunk: Tesseract time grows with
# pixels, not with information.
MAX_CHAR_HEIGHT = 90.0
# Upper bound on the pixels of the cleaned page (A4 at 600 dpi is 35 MP).
MAX_PIXELS = 40_000_000
# A deskew angle is trusted only if it sharpens the line profile by this much
# over 0 degrees; below it the "angle" is noise (e.g. a page with two lines).
MIN_SKEW_SHARPNESS = 0.05
# Paper whose darkest background estimate is this light needs no flattening.
FLAT_PAPER = 235
# ... and paper whose background estimate on the font-size probe is this light is not estimated again.
WHITE_PAPER = 245


@dataclass(frozen=True)
class TextStats:
    """Connected-component statistics of the dark pixels of a page."""

    char_height: float  # median height of character-sized components, px
    components: int


def to_gray(image: np.ndarray) -> tuple[np.ndarray, dict[str, Any]]:
    """8-bit single-channel image; colour is assumed RGB(A) as from Pillow."""
    params: dict[str, Any] = {"input_shape": list(image.shape), "input_dtype": str(image.dtype)}
    img = image
    if img.dtype == np.bool_:
        img = img.astype(np.uint8) * 255
    elif img.dtype != np.uint8:
        # 16-bit or float scans: stretch to the full 8-bit range
        f = img.astype(np.float64)
        lo, hi = float(f.min()), float(f.max())
        img = np.zeros(f.shape, np.uint8) if hi <= lo else ((f - lo) * (255.0 / (hi - lo))).astype(np.uint8)
    if img.ndim == 3:
        if img.shape[2] == 4:  # composite on white paper so transparent = background
            rgb = img[:, :, :3].astype(np.float32)
            a = img[:, :, 3:4].astype(np.float32) / 255.0
            img = (rgb * a + 255.0 * (1 - a)).astype(np.uint8)
        if img.shape[2] == 1:
            img = img[:, :, 0]
        else:
            img = cv2.cvtColor(np.ascontiguousarray(img[:, :, :3]), cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(img), params


def _otsu(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """Ink mask (ink = 255, as OpenCV's component functions want) and its threshold (see ``_otsu_levels``)."""
    inv, thr, _ = _otsu_levels(gray)
    return inv, thr


def _otsu_levels(gray: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Ink mask, its threshold, and plain Otsu's threshold (higher when the cap below applied).

    Plain Otsu fails on pages with very little ink (a signature page, a cover
    sheet): the two "classes" it separates are then the paper noise itself,
    and the threshold lands just under the paper colour.  So the threshold is
    capped at ``paper - max(20, 4 sigma)``, with the paper level and its noise
    taken from the histogram peak and its half width.  On normal pages Otsu
    is well below the cap and unchanged.
    """
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    # cv2.calcHist, not np.bincount: ~10x faster on a 9-megapixel page (this runs 2-3 times per page)
    hist = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel().astype(np.float64)
    paper = int(np.argmax(hist))
    half = hist[paper] / 2
    below = np.nonzero(hist[:paper] < half)[0]
    hwhm = paper - int(below[-1]) if len(below) else 0
    cap = paper - max(20.0, 4.0 * hwhm / 1.1774)
    thr = float(min(otsu, cap)) if cap > 0 else float(otsu)
    _, inv = cv2.threshold(gray, thr, 255, cv2.THRESH_BINARY_INV)
    return inv, thr, float(otsu)


def components(ink: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """``cv2.connectedComponentsWithStats`` (8-connected): count, label image, stats.

    Asks for 16-bit labels first: on a 300-dpi A4 page that is ~3x faster
    than 32-bit (half the memory traffic), and it is the commonest call in
    preprocessing.  OpenCV raises when more than 65,534 components need
    labels (a page of pure speckle); then it is redone with 32-bit labels.
    """
    try:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8, ltype=cv2.CV_32S)
    return n, labels, stats


def text_stats(ink: np.ndarray) -> TextStats:
    """Median height of character-like components of a binary ink mask.

    Speckle (a few pixels) and rules/borders (very large) are excluded, so the
    value tracks the font size at the scan resolution: ~25-35 px for 11-12 pt
    at 300 dpi, ~12-17 px at 150 dpi.
    """
    n, _, stats = components(ink)
    if n <= 1:
        return TextStats(0.0, 0)
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    area = stats[1:, cv2.CC_STAT_AREA]
    page_h = ink.shape[0]
    ok = (h >= 5) & (area >= 12) & (h < page_h / 8) & (w < 8 * h) & (w * 8 > h)
    if ok.sum() < 10:
        return TextStats(0.0, int(ok.sum()))
    return TextStats(float(np.median(h[ok])), int(ok.sum()))


def normalize_background(gray: np.ndarray, char_height: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Divide by the paper colour estimated with a max-filter wider than strokes.

    Why not adaptive thresholding: it also thresholds the noise inside empty
    areas and breaks thick strokes; flattening then one global Otsu is stable
    on both clean and uneven pages (and a no-op on white paper).
    """
    h, w = gray.shape
    scale = 4 if min(h, w) >= 400 else 1
    small = cv2.resize(gray, (max(1, w // scale), max(1, h // scale)), interpolation=cv2.INTER_AREA)
    k = int(max(3, round((char_height or 30) * 1.5 / scale)) | 1)
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    bg = cv2.medianBlur(bg, 5 if k < 5 else min(k, 31) | 1)
    if int(bg.min()) >= FLAT_PAPER:  # clean white paper: dividing would change nothing that matters
        return gray, {"kernel_px": k * scale, "background_min": int(bg.min()), "background_max": int(bg.max()),
                      "applied": False}
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    bg = np.maximum(bg, 1)
    out = cv2.divide(gray, bg, scale=255.0)  # saturating uint8 division: 5x faster than a float32 round trip
    return out, {"kernel_px": k * scale, "background_min": int(bg.min()), "background_max": int(bg.max()), "applied": True}


def despeckle(ink: np.ndarray, char_height: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Remove isolated specks and scanner borders from an ink mask (ink = 255).

    A component is a speck when its area is below ``(0.2 * char_height)^2`` and
    no character-sized component lies within ~0.6 character heights, so the
    dots of i/ä/ö, periods, commas and colons (always next to letters) stay.
    Components touching the image edge that are much larger than a character
    are scanner borders or punch-hole shadows.
    """
    n, labels, stats = components(ink)
    if n <= 1:
        return ink, {"specks_removed": 0, "border_components_removed": 0}
    ch = char_height or 30.0
    area = stats[:, cv2.CC_STAT_AREA]
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small = area < max(4.0, (0.2 * ch) ** 2)
    small[0] = False
    H, W = ink.shape
    touches = (x == 0) | (y == 0) | (x + w >= W) | (y + h >= H)
    border = touches & ((h > 4 * ch) | (w > 4 * ch)) & (area > 0.3 * w * h) 
    border[0] = False
    # Where the real characters are, grown by ~0.6 char heights.  Done on a
    # grid of cells a few pixels wide and looked up at each speck's centre:
    # the same answer within a cell, at a fraction of a full-resolution dilation.
    r = max(1, int(round(0.6 * ch)))
    cell = max(1, r // 4)
    big = ~small
    big[0] = False
    # The grid cells that hold ink of a character-sized component.  Painted
    # from the components' own pixels in their bounding boxes rather than with
    # ``big[labels]`` over the whole page: that fancy index alone cost ~40 ms
    # per 300-dpi page, while characters cover a few percent of it.
    gh, gw = -(-H // cell), -(-W // cell)
    big_mask = np.zeros((gh, gw), np.uint8)
    for i in np.flatnonzero(big):
        x0, y0, x1, y1 = int(x[i]), int(y[i]), int(x[i] + w[i]), int(y[i] + h[i])
        if w[i] <= 2 * ch and h[i] <= 2 * ch:
            # A character: its box is within a cell or two of its ink, far
            # less than the keep radius, so the box stands in for the pixels.
            big_mask[y0 // cell:(y1 - 1) // cell + 1, x0 // cell:(x1 - 1) // cell + 1] = 1
            continue
        ys, xs = np.nonzero(labels[y0:y1, x0:x1] == i)
        big_mask[(ys + y0) // cell, (xs + x0) // cell] = 1
    rc = max(1, int(round(r / cell)))
    near = cv2.dilate(big_mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * rc + 1, 2 * rc + 1)))
    cx = np.clip(((x + w / 2) / cell).astype(np.int64), 0, near.shape[1] - 1)
    cy = np.clip(((y + h / 2) / cell).astype(np.int64), 0, near.shape[0] - 1)
    touched = near[cy, cx] > 0
    remove = (small & ~touched) | border
    remove[0] = False
    out = ink.copy()
    # Erase component by component inside its box, for the same reason.
    for i in np.flatnonzero(remove):
        x0, y0, x1, y1 = int(x[i]), int(y[i]), int(x[i] + w[i]), int(y[i] + h[i])
        box = out[y0:y1, x0:x1]
        box[labels[y0:y1, x0:x1] == i] = 0
    return out, {"specks_removed": int((small & ~touched).sum()), "border_components_removed": int(border.sum()),
                 "speck_max_area_px": round(max(4.0, (0.2 * ch) ** 2), 1), "keep_radius_px": r}


def measure_skew(ink: np.ndarray, max_angle: float = 10.0, max_points: int = 200_000) -> tuple[float, float]:
    """Skew of text lines in degrees, counter-clockwise positive, by projection profile.

    For each candidate angle the ink pixels are projected onto the axis
    perpendicular to the text lines; when the angle matches, lines and gaps
    separate sharply and the sum of squared profile counts peaks.  A coarse
    0.5 deg search over +-``max_angle`` is refined at 0.05 deg and by a
    parabola through the best three points.  Works on pixel coordinates, so no
    image is rotated per candidate (~30 ms per 300-dpi page).  The profile is
    computed on at most ``max_points`` ink pixels (an even sample): on the
    synthetic pages, 200k points gave the angles of 400k within 0.001 deg
    at 70 % of the cost.  Not fewer: 100k points moved angles by up to
    0.003 deg, and Tesseract's reading of a fax page can flip on 0.0005 deg
    (one test page went from 1.0 to 2.6 % CER), so a cheaper estimate would
    make results jump between versions for no gain in accuracy.

    Returns ``(angle, sharpness)``: sharpness is the best score divided by the
    score at 0 degrees minus one (0 means the profile gives no evidence).
    Hand-written because OpenCV has no skew estimator; minAreaRect over all
    pixels is thrown off by margins and stamps, Hough by underlines and tables.
    """
    # cv2.findNonZero: the same points in the same (row-major) order as
    # np.nonzero, ~5x faster on a 300-dpi page.
    points = cv2.findNonZero(ink)
    if points is None or len(points) < 50:
        return 0.0, 0.0
    points = points.reshape(-1, 2)
    ys, xs = points[:, 1], points[:, 0]
    step = max(1, len(ys) // max_points)
    ys = ys[::step].astype(np.float64)
    xs = xs[::step].astype(np.float64)
    xs -= xs.mean()
    ymin = -abs(xs).max() * np.tan(np.radians(max_angle + 1)) + ys.min() - 2

    def score(a: float) -> float:
        t = np.radians(a)
        p = np.round(ys * np.cos(t) + xs * np.sin(t) - ymin).astype(np.int64)
        c = np.bincount(p).astype(np.float64)
        return float(np.dot(c, c))

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    # The coarse grid only has to find the right half degree: a quarter of the points does that.
    full_ys, full_xs = ys, xs
    ys, xs = full_ys[::4], full_xs[::4]
    sc = np.array([score(a) for a in coarse])
    ys, xs = full_ys, full_xs
    best = float(coarse[int(np.argmax(sc))])
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)
    sf = np.array([score(a) for a in fine])
    i = int(np.argmax(sf))
    angle = float(fine[i])
    if 0 < i < len(fine) - 1:  # parabolic refinement between grid points
        y0, y1, y2 = sf[i - 1], sf[i], sf[i + 1]
        den = y0 - 2 * y1 + y2
        if den < 0:
            angle += 0.05 * 0.5 * (y0 - y2) / den
    s0 = score(0.0)
    return float(angle), (float(sf[i]) / s0 - 1.0) if s0 > 0 else 0.0


def rotate(gray: np.ndarray, angle: float, fill: int = 255) -> tuple[np.ndarray, list[list[float]]]:
    """Rotate counter-clockwise by ``angle`` degrees, growing the canvas so no corner is cut.

    Returns the image and the 2x3 affine matrix (original -> new pixel
    coordinates), recorded so bounding boxes can be mapped back to the scan.
    """
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(round(h * sin + w * cos)), int(round(h * cos + w * sin))
    m[0, 2] += nw / 2.0 - w / 2.0
    m[1, 2] += nh / 2.0 - h / 2.0
    out = cv2.warpAffine(gray, m, (nw, nh), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=fill)
    return out, [[round(float(v), 6) for v in row] for row in m]


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(ink: np.ndarray, *, timeout: float = 30.0, char_height: float = 0.0) -> dict[str, Any]:
    """Tesseract OSD on a binary page: ``{"rotate": 0|90|180|270, "confidence": float}``.

    ``rotate`` is the clockwise turn that makes the text upright.  OSD needs
    the ``osd`` traineddata (Debian: tesseract-ocr-osd) and enough characters;
    on failure ``{"skipped": reason}`` is returned instead of raising, since
    an unknown orientation is no reason to fail the page.
    """
    import pytesseract  # local: preprocessing without OSD must not need it

    img = 255 - ink  # black text on white
    # OSD reads characters ~18 px high as reliably as 30 px ones (measured on
    # the synthetic set: same answers, similar confidence) in ~60 % of the time
    scale = min(1.0, max(0.4, 18.0 / char_height)) if char_height > 0 else 1.0
    if scale < 0.95:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    try:
        out = pytesseract.image_to_osd(img, config="--psm 0 -c min_characters_to_try=20", timeout=timeout)
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependencyError("tesseract is not installed: apt-get install tesseract-ocr") from e
    except RuntimeError as e:  # pytesseract's timeout (TesseractError is a RuntimeError too)
        msg = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        if "osd.traineddata" in str(e) or "Failed loading language 'osd'" in str(e):
            raise MissingDependencyError("Tesseract OSD data missing: apt-get install tesseract-ocr-osd") from e
        return {"skipped": msg[:200]}
    rot = _OSD_ROTATE.search(out)
    conf = _OSD_CONF.search(out)
    if not rot:
        return {"skipped": "no OSD result"}
    return {"rotate": int(rot.group(1)) % 360, "confidence": float(conf.group(1)) if conf else 0.0}


def effective_dpi(dpi: int | None, steps: list[Step]) -> int | None:
    """Resolution of the cleaned image, given the scan's resolution (None if unknown)."""
    if not dpi:
        return None
    factor = next((s.params.get("factor", 1.0) for s in steps if s.name == "rescale"), 1.0)
    return int(round(dpi * factor))


def clean(
    image: np.ndarray,
    *,
    deskew: bool = True,
    orientation: bool = True,
    rescale: bool = True,
    denoise: bool = True,
    binarize: bool | None = None,
    max_skew: float = 10.0,
    min_skew: float = 0.1,
    min_orientation_confidence: float = 2.0,
    osd_timeout: float = 30.0,
) -> tuple[np.ndarray, list[Step]]:
    """Clean a scanned page for OCR; returns the image and the steps taken.

    ``image`` is a NumPy array as from ``np.asarray(PIL.Image)`` (gray, RGB or
    RGBA; any dtype).  The returned image is 8-bit gray on a flattened white
    background with specks painted out; ``binarize=True`` returns our
    thresholded binary (0/255) instead.  ``None`` (default) decides per page:
    gray, because Tesseract thresholds again anyway and keeps more of the
    anti-aliased stroke edges (on the synthetic benchmark the binary output
    cost ~0.5 CER points on clean typewriter pages and gained nothing
    elsewhere), *except* when Otsu had to be capped (very little ink on the
    page): Tesseract's own Otsu then fails the same way and reads nothing, so
    the binary is returned.  The binary is always computed: despeckling, OSD
    and deskew use it.  Its size may differ from the input (rescale, rotation
    canvas); the ``rescale``/``orientation``/``deskew`` steps record the
    factor, turn and affine matrix needed to map coordinates back.

    The default thresholds are chosen to leave good scans alone: no rescale
    for characters already >= 20 px, no rotation under 0.1 deg, no OSD turn
    with confidence under 2 (correct OSD answers on the synthetic set scored
    5-15; text-poor pages score near 0).

    Pass ``effective_dpi(dpi, steps)`` to ``ocr.recognize`` as its ``dpi``.
    """
    steps: list[Step] = []
    gray, gp = to_gray(image)
    steps.append(Step("grayscale", gp))

    # Character height is measured on a background-flattened copy: on a raw
    # photocopy Otsu turns the dark corners into blobs that look like tiny
    # "characters" and would trigger a huge, useless upscale.
    provisional = max(30.0, min(gray.shape) / 80.0)
    # The font size only needs measuring roughly: on a large page a half-size
    # copy gives the same median (x2) at a quarter of the cost.
    half = 2 if min(gray.shape) >= 1600 else 1
    probe = cv2.resize(gray, None, fx=1 / half, fy=1 / half, interpolation=cv2.INTER_AREA) if half > 1 else gray
    flat_probe, probe_bg = normalize_background(probe, provisional / half)
    ink, _ = _otsu(flat_probe)
    probe_stats = text_stats(ink)
    stats = TextStats(probe_stats.char_height * half, probe_stats.components)
    ch = stats.char_height
    if rescale and ch > 0:
        factor = 1.0
        if ch < MIN_CHAR_HEIGHT:
            factor = min(MAX_UPSCALE, TARGET_CHAR_HEIGHT / ch)
        elif ch > MAX_CHAR_HEIGHT:
            factor = TARGET_CHAR_HEIGHT * 1.5 / ch
        # never build an image Tesseract needs minutes for
        factor = min(factor, (MAX_PIXELS / max(1, gray.size)) ** 0.5)
        factor = round(factor, 3)
        if factor != 1.0:
            interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
            gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interp)
            ch *= factor
        steps.append(Step("rescale", {"median_char_height_px": round(stats.char_height, 1),
                                      "components": stats.components, "factor": factor}))
    elif rescale:
        steps.append(Step("rescale", {"skipped": "no character-sized components found", "factor": 1.0}))

    if not probe_bg["applied"] and probe_bg["background_min"] >= WHITE_PAPER:
        # The probe already saw plainly white paper everywhere: the full-size estimate (~15 ms per
        # 300-dpi page) could only say the same.  Near FLAT_PAPER the kernels' sizes could tip it.
        bp = {**probe_bg, "kernel_px": probe_bg["kernel_px"] * half, "estimated_on": "probe"}
    else:
        gray, bp = normalize_background(gray, ch)
    steps.append(Step("background", bp))
    if denoise:
        # 3x3 median removes sensor noise and single-pixel salt/pepper before
        # thresholding; strokes at >= 20 px character height survive it.
        gray = cv2.medianBlur(gray, 3)
        steps.append(Step("median", {"ksize": 3}))

    raw_ink, thr, plain_thr = _otsu_levels(gray)
    ink = raw_ink
    if denoise:
        ink, dp = despeckle(raw_ink, ch)
        steps.append(Step("despeckle", dp))

    turn = 0
    if orientation:
        osd = detect_orientation(ink, timeout=osd_timeout, char_height=ch)
        if "rotate" in osd:
            osd["applied"] = bool(osd["rotate"] and osd["confidence"] >= min_orientation_confidence)
            if osd["applied"]:
                turn = osd["rotate"]
        steps.append(Step("orientation", osd))
    if turn:
        # OSD's "Rotate: N" = turn N degrees clockwise
        code = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[turn]
        gray = cv2.rotate(gray, code)
        ink = cv2.rotate(ink, code)
        raw_ink = cv2.rotate(raw_ink, code)

    if deskew:
        angle, sharp = measure_skew(ink, max_skew)
        params: dict[str, Any] = {"angle_deg": round(angle, 2) + 0.0, "sharpness": round(sharp, 4),
                                  "max_deg": max_skew}
        apply = abs(angle) >= min_skew and sharp >= MIN_SKEW_SHARPNESS
        params["applied"] = apply
        if apply:
            gray, matrix = rotate(gray, -angle)
            params["matrix"] = matrix
            # re-threshold: interpolation created intermediate grays (for an
            # already-binary fax the first Otsu value is degenerate, ~0)
            raw_ink, thr, plain_thr = _otsu_levels(gray)
            if denoise:
                ink, dp = despeckle(raw_ink, ch)
            else:
                ink = raw_ink
        steps.append(Step("deskew", params))

    otsu_capped = thr < plain_thr  # the cap applied: very little ink on this page
    if binarize is None:
        binarize = otsu_capped
    if not binarize:
        steps.append(Step("binarize", {"method": "otsu", "threshold": round(thr, 1), "applied": False}))
        # keep the gray levels, but paint removed specks as paper (nothing to paint on a clean page)
        if denoise and (dp["specks_removed"] or dp["border_components_removed"]):
            removed = cv2.dilate(cv2.subtract(raw_ink, ink), np.ones((3, 3), np.uint8))
            gray = cv2.max(gray, removed)  # removed is 0/255: paper where a speck was, else unchanged
        return gray, steps
    steps.append(Step("binarize", {"method": "otsu-capped" if otsu_capped else "otsu", "threshold": round(thr, 1),
                                   "applied": True}))
    return (255 - ink).astype(np.uint8), steps


def reorient(cleaned: np.ndarray, steps: list[Step], *, min_confidence: float = 2.0,
             timeout: float = 30.0) -> tuple[np.ndarray, Step]:
    """Run OSD on an already cleaned page and turn it upright when OSD is sure.

    The batch path calls this only when OCR of the page as it stands looks
    wrong (low confidence): OSD is a second Tesseract run, and most archive
    pages are upright, so checking every page up front cost ~15 % of a page's
    time for nothing.  Returns the (possibly turned) image and the step.
    """
    rescale = next((s.params for s in steps if s.name == "rescale"), {})
    char_height = float(rescale.get("median_char_height_px", 0.0)) * float(rescale.get("factor", 1.0))
    ink, _ = _otsu(cleaned)
    osd = detect_orientation(ink, timeout=timeout, char_height=char_height)
    osd["trigger"] = "low OCR confidence"
    turn = osd.get("rotate", 0) if osd.get("confidence", 0.0) >= min_confidence else 0
    osd["applied"] = bool(turn)
    if turn:
        code = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[turn]
        cleaned = cv2.rotate(cleaned, code)
    return cleaned, Step("orientation", osd)
