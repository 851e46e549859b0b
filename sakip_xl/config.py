"""``sakip-xl.yaml``: predikat scales, polarity, outlier bound, tolerance, header synonyms
(SPEC §6). Validated; a bad file gets one clear message (``ConfigError``)."""

from __future__ import annotations

import os

from .layouts import registry
from .normalise import squash_spaces
from .settings import DEFAULT_SCALES, Scale, Settings

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any

CONFIG_NAME = "sakip-xl.yaml"
_TOP_KEYS = {"predikat", "outlier", "toleransi", "tolerance", "polaritas", "polarity",
             "sinonim", "synonyms"}

EXAMPLE = """\
# sakip-xl.yaml — semua kunci boleh dihilangkan
predikat:
  skala:                       # ditambahkan di depan skala bawaan
    - nama: kabupaten-x
      label: [Sangat Baik, Baik, Cukup, Kurang, Sangat Kurang]   # terbaik dulu
      batas_bawah: [90, 75, 65, 50]                              # satu lebih sedikit dari label
outlier: 150                   # capaian di atas ini (%) diberi peringatan
toleransi:
  rupiah: 0.5
  desimal: 2
polaritas:
  rumus_negatif: lkjip         # lkjip: (2×target−realisasi)/target; rasio: target/realisasi
  indikator:
    "Angka kemiskinan": negatif
sinonim:                       # teks judul kolom -> peran
  tc29:
    "Pagu Indikatif Tahun Berjalan": target
"""


class ConfigError(Exception):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(detail)
        self.path = path
        self.detail = detail


def _number(value: Any, where: str, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(path, f"{where} harus berupa angka, bukan {value!r}")
    return float(value)


def _pick(d: dict[str, Any], *names: str) -> Any:
    for n in names:
        if n in d:
            return d[n]
    return None


def parse_config(data: Any, path: str = CONFIG_NAME) -> Settings:
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise ConfigError(path, "isi berkas harus berupa pemetaan (kunci: nilai)")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(path, f"kunci tidak dikenal: {', '.join(sorted(map(str, unknown)))}; "
                                f"yang dikenal: predikat, outlier, toleransi, polaritas, sinonim")
    scales = list(DEFAULT_SCALES)
    pred = data.get("predikat")
    if pred is not None:
        if not isinstance(pred, dict):
            raise ConfigError(path, "predikat harus berupa pemetaan dengan kunci 'skala'")
        items = _pick(pred, "skala", "scales") or []
        if not isinstance(items, list):
            raise ConfigError(path, "predikat.skala harus berupa daftar")
        custom = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise ConfigError(path, f"predikat.skala ke-{i} harus berupa pemetaan")
            labels = _pick(item, "label", "labels")
            bounds = _pick(item, "batas_bawah", "lower", "bounds")
            if not isinstance(labels, list) or len(labels) < 2:
                raise ConfigError(path, f"predikat.skala ke-{i}: 'label' berisi minimal 2 label")
            if not isinstance(bounds, list) or len(bounds) != len(labels) - 1:
                raise ConfigError(path, f"predikat.skala ke-{i}: 'batas_bawah' harus berisi "
                                        f"{len(labels) - 1} angka (satu lebih sedikit dari label)")
            nums = [_number(b, f"predikat.skala ke-{i}.batas_bawah", path) for b in bounds]
            if nums != sorted(nums, reverse=True):
                raise ConfigError(path, f"predikat.skala ke-{i}: batas_bawah harus menurun "
                                        f"(label terbaik dulu)")
            name = str(_pick(item, "nama", "name") or f"skala-{i}")
            custom.append(Scale(name, tuple(str(x) for x in labels), tuple(nums)))
        scales = custom + scales
    outlier = data.get("outlier")
    high, low = 150.0, 0.0
    if isinstance(outlier, dict):
        high = _number(_pick(outlier, "atas", "high") or 150, "outlier.atas", path)
        low = _number(_pick(outlier, "bawah", "low") or 0, "outlier.bawah", path)
    elif outlier is not None:
        high = _number(outlier, "outlier", path)
    tol = _pick(data, "toleransi", "tolerance") or {}
    if not isinstance(tol, dict):
        raise ConfigError(path, "toleransi harus berupa pemetaan (rupiah, desimal)")
    tol_rp = _number(_pick(tol, "rupiah", "rp") if _pick(tol, "rupiah", "rp") is not None
                     else 0.5, "toleransi.rupiah", path)
    decimals = _pick(tol, "desimal", "decimals")
    decimals_n = int(_number(decimals, "toleransi.desimal", path)) if decimals is not None else 2
    pol = _pick(data, "polaritas", "polarity") or {}
    if not isinstance(pol, dict):
        raise ConfigError(path, "polaritas harus berupa pemetaan")
    formula = str(_pick(pol, "rumus_negatif", "negative_formula") or "lkjip").lower()
    formula = {"rasio": "ratio"}.get(formula, formula)
    if formula not in ("lkjip", "ratio"):
        raise ConfigError(path, "polaritas.rumus_negatif harus 'lkjip' atau 'rasio'")
    indicators = _pick(pol, "indikator", "indicators") or {}
    if not isinstance(indicators, dict):
        raise ConfigError(path, "polaritas.indikator harus berupa pemetaan nama: positif|negatif")
    polarity = []
    for name, value in indicators.items():
        v = str(value).lower()
        if v not in ("positif", "negatif", "positive", "negative"):
            raise ConfigError(path, f"polaritas untuk «{name}» harus 'positif' atau 'negatif'")
        polarity.append((squash_spaces(str(name).lower()), v))
    syn = _pick(data, "sinonim", "synonyms") or {}
    if not isinstance(syn, dict):
        raise ConfigError(path, "sinonim harus berupa pemetaan layout: {judul: peran}")
    layouts = registry()
    synonyms: dict[str, dict[str, str]] = {}
    for layout_name, mapping in syn.items():
        if layout_name not in layouts:
            raise ConfigError(path, f"sinonim: layout «{layout_name}» tidak dikenal; pilih dari "
                                    f"{', '.join(layouts)}")
        if not isinstance(mapping, dict):
            raise ConfigError(path, f"sinonim.{layout_name} harus berupa pemetaan judul: peran")
        roles = {r.name for r in layouts[layout_name].roles}
        for _header, role in mapping.items():
            if role not in roles:
                raise ConfigError(path, f"sinonim.{layout_name}: peran «{role}» tidak dikenal; "
                                        f"pilih dari {', '.join(sorted(roles))}")
        synonyms[layout_name] = {str(k): str(v) for k, v in mapping.items()}
    return Settings(scales=tuple(scales), outlier_high=high, outlier_low=low,
                    tolerance_rp=tol_rp, default_decimals=decimals_n, negative_formula=formula,
                    polarity=tuple(polarity), synonyms=synonyms)


def config_text(raw: bytes) -> str:
    """The configuration file's text: UTF-8 (with or without the BOM Notepad used to write),
    else what Notepad calls "ANSI" on an Indonesian or English Windows (cp1252), so a dash
    that Word or Notepad typed does not stop the run."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def load_config(path: str | None, inputs: list[str]) -> Settings:
    """``--config FILE``, else ``sakip-xl.yaml`` in the (first) input folder, else defaults."""
    if path is None:
        for p in inputs:
            folder = p if os.path.isdir(p) else os.path.dirname(p) or "."
            candidate = os.path.join(folder, CONFIG_NAME)
            if os.path.isfile(candidate):
                path = candidate
                break
    if path is None:
        return Settings()
    import yaml  # only when there is a file to read: it costs a run ≈25 ms

    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ConfigError(path, str(exc)) from exc
    try:
        data = yaml.safe_load(config_text(raw))
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "bukan teks; simpan ulang sebagai UTF-8") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"YAML tidak valid: {exc}") from exc
    return parse_config(data, path)
