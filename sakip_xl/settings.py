"""What a ``sakip-xl.yaml`` may change (SPEC §6): the predikat scales and the settings the
rules read. Plain data (``Record``s): settings travel to worker processes (pickled where
workers are spawned, and to Dask). Compiled with mypyc where the install can (setup.py), as
the rules that read a setting for every cell are."""

from __future__ import annotations

from functools import lru_cache

from .model import FrozenRecord, Record
from .normalise import outside_brackets, squash_spaces


class Scale(FrozenRecord):
    """A predikat scale: labels best first, inclusive lower bounds for all but the last label.

    ``upper_edges``: the other way real files draw the edges (Sukabumi's IF: x <= 50 is the
    lowest, x <= 65 the next …), one edge per boundary from the bottom. A label that fits either
    convention is accepted.
    """

    __slots__ = ("_aliases", "_known", "aliases", "labels", "lower", "name", "upper_edges")

    def __init__(self, name: str, labels: tuple[str, ...], lower: tuple[float, ...],
                 upper_edges: tuple[float, ...] | None = None,
                 aliases: tuple[tuple[str, str], ...] = ()) -> None:
        self.name = name
        self.labels = labels
        self.lower = lower
        self.upper_edges = upper_edges
        self.aliases = aliases
        self._aliases = dict(aliases)
        self._known = frozenset(x.lower() for x in labels)

    def norm(self, label: str) -> str:
        low = _lower_words(label)
        low = self._aliases.get(low, low)
        if "(" in low and low not in self._known:
            # "Sangat Tinggi (ST)", "ST (Sangat Tinggi)", "Berhasil (capaian ≥ 70 %)": the
            # label outside the brackets, or inside them where that is the one known
            for part in outside_brackets(low):
                part = self._aliases.get(part, part)
                if part in self._known:
                    return part
        return low

    def knows(self, label: str) -> bool:
        return self.norm(label) in self._known

    def expected(self, x: float) -> list[str]:
        out = []
        for i, bound in enumerate(self.lower):
            if x >= bound:
                out.append(self.labels[i])
                break
        else:
            out.append(self.labels[-1])
        if self.upper_edges:
            idx = len(self.labels) - 1
            for edge in self.upper_edges:
                if x <= edge:
                    break
                idx -= 1
            label = self.labels[max(idx, 0)]
            if label not in out:
                out.append(label)
        return out

    def fits(self, label: str, x: float) -> bool:
        norm = self.norm(label)
        return any(norm == e.lower() for e in self.expected(x))


@lru_cache(maxsize=4096)
def _lower_words(label: str) -> str:
    return squash_spaces(label.lower()).rstrip(" .")


# aliases: other words for a label, and its initials as forms abbreviate it ("ST", "SB")
PERMENDAGRI = Scale(
    "permendagri86", ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"),
    (91, 76, 66, 51), (50, 65, 75, 90),
    aliases=(("st", "sangat tinggi"), ("t", "tinggi"), ("s", "sedang"), ("r", "rendah"),
             ("sr", "sangat rendah")),
)
PERMENDAGRI_BAIK = Scale(
    "baik", ("Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"),
    (91, 76, 66, 51), (50, 65, 75, 90),
    aliases=(("buruk", "kurang"), ("sangat buruk", "sangat kurang"), ("sb", "sangat baik"),
             ("sk", "sangat kurang")),
)
LKJIP = Scale(
    "lkjip", ("Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"), (85, 70, 55),
    aliases=(("kurang berhasil", "tidak berhasil"), ("sb", "sangat berhasil"),
             ("cb", "cukup berhasil"), ("tb", "tidak berhasil"), ("kb", "tidak berhasil")),
)
DEFAULT_SCALES = (PERMENDAGRI, PERMENDAGRI_BAIK, LKJIP)


class Settings(Record):
    """What a ``sakip-xl.yaml`` may change (SPEC §6); treat as immutable."""

    __slots__ = ("default_decimals", "negative_formula", "outlier_high", "outlier_low",
                 "polarity", "scales", "synonyms", "tolerance_rp")

    def __init__(self, scales: tuple[Scale, ...] = DEFAULT_SCALES, outlier_high: float = 150.0,
                 outlier_low: float = 0.0, tolerance_rp: float = 0.5, default_decimals: int = 2,
                 negative_formula: str = "lkjip", polarity: tuple[tuple[str, str], ...] = (),
                 synonyms: dict[str, dict[str, str]] | None = None) -> None:
        self.scales = scales
        self.outlier_high = outlier_high
        self.outlier_low = outlier_low
        self.tolerance_rp = tolerance_rp
        self.default_decimals = default_decimals
        self.negative_formula = negative_formula  # lkjip: (2t - r) / t; ratio: t / r
        self.polarity = polarity  # indicator (lower case) -> positif | negatif
        self.synonyms = synonyms if synonyms is not None else {}  # layout -> {header: role}

    def polarity_of(self, indikator: str | None) -> str | None:
        if not indikator:
            return None
        key = squash_spaces(indikator.lower())
        for name, pol in self.polarity:
            if name == key:
                return pol
        return None
