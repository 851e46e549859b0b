"""The Renja's own annual T-C.29 (Permendagri 54/2010, Renja Bab II; SPEC §2.3): the
evaluation of the Renja two years back against the Renstra, without quarters.

Columns, in the form's numbering: 1 kode | 2 urusan / program / kegiatan | 3 indikator |
4 target Renstra | 5 realisasi s.d. n-3 | 6 target Renja n-2 | 7 realisasi Renja n-2 |
8 tingkat realisasi (%) = 7 / 6 | 9 target Renja n-1 (tahun berjalan) | 10 perkiraan
realisasi s.d. tahun berjalan = 5 + 7 + 9 | 11 tingkat capaian Renstra (%) = 10 / 4. Keys follow
the quarterly T-C.29's where the meaning is the same (``target_k`` is the evaluated year's
target, ``realisasi_renstra_k`` the cumulative one); column 9 is ``target_berjalan_k``.
"""

from . import Formula, Layout, Role

RENJA_TAHUNAN = Layout(
    name="renja_tahunan",
    title="Renja Tahunan T-C.29 (Bab II)",
    title_en="Annual Renja T-C.29 (chapter II)",
    roles=(
        Role("no", any_=(r"^no$", r"^nomor$")),
        Role("kode", any_=(r"^kode\b", r"^kd\b"), identity=True, spans=True),
        Role("indikator", any_=(r"\bindikator\b",), identity=True),
        Role("satuan", any_=(r"^satuan\b",)),
        Role("capaian_renstra", any_=(r"^tingkat capaian\b",), kinds=True, percent=True),
        Role("capaian", any_=(r"^tingkat realisasi\b",), kinds=True, percent=True),
        # column 10: "Perkiraan Realisasi Capaian Target Renstra s.d. tahun berjalan" (SPEC:
        # "realisasi s.d. tahun berjalan"); column 5 is "Realisasi … s.d. tahun n-3"
        Role("realisasi_renstra", any_=(r"^perkiraan realisasi\b",
                                        r"^realisasi\b.*\bsd tahun berjalan\b"), kinds=True),
        Role("realisasi_lalu", all_=(r"^realisasi\b", r"\bsd\b"), kinds=True),
        Role("realisasi", any_=(r"^realisasi\b",), kinds=True),
        Role("target_renstra", all_=(r"^target\b",), any_=(r"\brenstra\b", r"\bakhir periode\b"),
             kinds=True),
        # column 9, the year under way: "Target program dan kegiatan (Renja SKPD tahun n-1)";
        # not the group over 6-8, "Target dan Realisasi … Tahun Lalu"
        Role("target_berjalan", all_=(r"^target\b",),
             any_=(r"\bprogram dan kegiatan\b", r"\btahun berjalan\b", r"\bn ?- ?1\b"),
             none=(r"\btahun lalu\b", r"\brealisasi\b"), kinds=True),
        Role("target", any_=(r"^target\b",), kinds=True),
        Role("keterangan", any_=(r"^keterangan\b", r"^ket$")),
        Role("uraian", any_=(r"\burusan\b", r"\bprogram\b", r"\bkegiatan\b", r"^uraian\b"),
             none=(r"^target\b", r"^realisasi\b", r"^tingkat\b", r"^perkiraan\b"),
             identity=True),
    ),
    required=("indikator", "target_renstra", "realisasi_renstra", "target_berjalan"),
    forbidden=("triwulan",),
    continuation_rows=True,
)

# Derived columns, in evaluation order (``Formula``)
FORMULAS: tuple[Formula, ...] = tuple(
    item
    for kind in ("k", "rp")
    for item in (
        (f"capaian_{kind}", "ratio", (f"realisasi_{kind}", f"target_{kind}"),
         "capaian-mismatch", "8 = 7 / 6 × 100"),
        (f"realisasi_renstra_{kind}", "sum",
         (f"realisasi_lalu_{kind}", f"realisasi_{kind}", f"target_berjalan_{kind}"),
         "cumulative-mismatch", "10 = 5 + 7 + 9"),
        (f"capaian_renstra_{kind}", "ratio",
         (f"realisasi_renstra_{kind}", f"target_renstra_{kind}"),
         "capaian-mismatch", "11 = 10 / 4 × 100"),
    )
)

HIERARCHY_KEYS = ("target_renstra_rp", "realisasi_lalu_rp", "target_rp", "realisasi_rp",
                  "target_berjalan_rp", "realisasi_renstra_rp")
K_KEYS = ("target_renstra_k", "realisasi_lalu_k", "target_k", "realisasi_k",
          "target_berjalan_k", "realisasi_renstra_k")
RECORD_KEYS = (
    "target_renstra_k", "target_renstra_rp", "realisasi_lalu_k", "realisasi_lalu_rp",
    "target_k", "target_rp", "realisasi_k", "realisasi_rp", "capaian_k", "capaian_rp",
    "target_berjalan_k", "target_berjalan_rp", "realisasi_renstra_k", "realisasi_renstra_rp",
    "capaian_renstra_k", "capaian_renstra_rp",
)
DERIVED_KEYS = ("capaian_k", "capaian_rp", "realisasi_renstra_k", "realisasi_renstra_rp",
                "capaian_renstra_k", "capaian_renstra_rp")  # in the records as ``{key}_hitung``
SUMMARY_KEYS = ("target_rp", "realisasi_rp", "capaian_k")  # Ringkasan's pagu, realisasi, capaian
PREDIKAT_SCALE = "permendagri"  # the Ringkasan's predikat of the rata-rata capaian
