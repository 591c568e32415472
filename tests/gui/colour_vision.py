"""Colour arithmetic for the palette tests: sRGB to CIELAB, CIEDE2000, WCAG
contrast, and simulated colour vision deficiency.

Plain numpy and no Qt, so the figures do not depend on how Qt rounds colours.
Formulas: IEC 61966-2-1 (sRGB), CIE 15 (XYZ to L*a*b*, D65 white), Sharma,
Wu & Dalal 2005 (CIEDE2000), WCAG 2 (relative luminance and contrast ratio),
Machado, Oliveira & Fernandes 2009 (dichromacy at severity 1.0, applied to
linear RGB).
"""

from __future__ import annotations

import math

import numpy as np

# Machado et al. 2009, severity 1.0: linear RGB in, linear RGB as the dichromat sees it.
DICHROMACY = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
VISIONS = ("normal", *DICHROMACY)

# Linear sRGB to XYZ (D65), and the D65 white point.
_RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
_WHITE = _RGB_TO_XYZ @ np.ones(3)


def hex_to_rgb(colour: str) -> np.ndarray:
    """``"#RRGGBB"`` as three floats in 0..1 (gamma-encoded sRGB)."""
    text = colour.lstrip("#")
    return np.array([int(text[i:i + 2], 16) / 255 for i in (0, 2, 4)])


def to_linear(rgb: np.ndarray) -> np.ndarray:
    """Undo the sRGB transfer curve."""
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def simulate(rgb: np.ndarray, vision: str) -> np.ndarray:
    """Linear RGB of ``rgb`` (gamma-encoded) as seen with ``vision``."""
    linear = to_linear(rgb)
    if vision == "normal":
        return linear
    return np.clip(DICHROMACY[vision] @ linear, 0.0, 1.0)


def linear_to_lab(linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear RGB triple."""
    xyz = (_RGB_TO_XYZ @ linear) / _WHITE
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def lab(colour: str, vision: str = "normal") -> np.ndarray:
    """CIELAB of ``"#RRGGBB"`` as seen with ``vision``."""
    return linear_to_lab(simulate(hex_to_rgb(colour), vision))


def delta_e_2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1)."""
    l1, a1, b1 = (float(v) for v in lab1)
    l2, a2, b2 = (float(v) for v in lab2)
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = _hue_difference(h1p, h2p, c1p * c2p)
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_mean = _hue_mean(h1p, h2p, c1p * c2p)
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30))
         + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6))
         - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    r_t = -r_c * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    terms = (dl / s_l, dc / s_c, dh_big / s_h)
    return math.sqrt(terms[0] ** 2 + terms[1] ** 2 + terms[2] ** 2 + r_t * terms[1] * terms[2])


def _hue_difference(h1: float, h2: float, chroma_product: float) -> float:
    if chroma_product == 0:
        return 0.0
    d = h2 - h1
    if d > 180:
        return d - 360
    if d < -180:
        return d + 360
    return d


def _hue_mean(h1: float, h2: float, chroma_product: float) -> float:
    if chroma_product == 0:
        return h1 + h2
    if abs(h1 - h2) <= 180:
        return (h1 + h2) / 2
    return (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2


def distance(colour1: str, colour2: str, vision: str = "normal") -> float:
    """CIEDE2000 between two ``"#RRGGBB"`` colours as seen with ``vision``."""
    return delta_e_2000(lab(colour1, vision), lab(colour2, vision))


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``"#RRGGBB"``."""
    return float(np.array([0.2126, 0.7152, 0.0722]) @ to_linear(hex_to_rgb(colour)))


def contrast(colour1: str, colour2: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    hi, lo = sorted((luminance(colour1), luminance(colour2)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
