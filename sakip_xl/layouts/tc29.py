"""T-C.29 / Formulir E.81: evaluasi hasil pelaksanaan Renja Perangkat Daerah (SPEC §2.1).

Header wording differs between pemda (Renja/RKPD, Renstra/RPJMD, "s/d", "sampai dengan",
"Tahun Lalu (n-2)" …). The patterns run on ``normalise_header`` text.
"""

from . import Formula, Layout, Role

_CAPAIAN = (r"\btingkat capaian\b", r"\bcapaian kinerja dan realisasi anggaran\b",
            r"^target capaian\b", r"^tingkat pencapaian\b", r"^capaian\b",
            r"^(persentase|prosentase|%) (capaian|pencapaian)\b")
_YEAR = r"\btahun (19|20)\d\d\b"
_RENSTRA = (r"\bsd\b", r"\brenstra\b", r"\brpjmd\b", r"\bakhir periode\b")

TC29 = Layout(
    name="tc29",
    title="Evaluasi Renja (T-C.29 / E.81)",
    title_en="Renja evaluation (T-C.29 / E.81)",
    roles=(
        Role("no", any_=(r"^no$", r"^nomor$", r"^no urut$")),
        Role("kode", any_=(r"^kode\b", r"^kd\b"), identity=True, spans=True),
        Role("sasaran", any_=(r"^sasaran\b",), none=(r"indikator",), identity=True),
        Role("indikator", any_=(r"\bindikator\b",), identity=True),
        Role("satuan", any_=(r"^satuan\b",)),
        Role("capaian_renstra", any_=_CAPAIAN, all_=(r"(\bsd\b|\brenstra\b|\brpjmd\b)",),
             none=(r"dievaluasi",), kinds=True, percent=True),
        Role("capaian", any_=_CAPAIAN, kinds=True, percent=True),
        Role("realisasi_lalu", all_=(r"^realisasi\b",),
             any_=(r"\btahun lalu\b", r"\bn ?- ?2\b", r"\bsd (renja|rkpd|rencana)\b"),
             none=(r"\btriwulan\b", r"dievaluasi"), kinds=True),
        Role("realisasi", all_=(r"^realisasi\b",),
             any_=(r"\bdievaluasi\b", r"\bdirealisasi\b", r"\bdialokasikan\b"),
             none=(r"\btriwulan\b",), kinds=True),
        Role("realisasi_renstra", all_=(r"^realisasi\b",), any_=_RENSTRA,
             none=(r"\btriwulan\b",), kinds=True),
        # short forms, once the Renstra ones are ruled out: "Realisasi Renja", "Realisasi
        # RKPD", "Realisasi Tahun Berjalan"
        Role("realisasi", all_=(r"^((total|jumlah) )?realisasi\b",),
             any_=(r"\brenja\b", r"\brkpd\b", r"\btahun berjalan\b", r"\bn ?- ?1\b", _YEAR),
             none=(r"\btriwulan\b",), kinds=True),
        # the year's realisasi as the last quarter's running total: "Realisasi s.d. Triwulan IV"
        Role("realisasi", all_=(r"^realisasi sd (triwulan|tw|trw) ?(iv|4)$",), kinds=True),
        Role("triwulan", any_=(r"\btriwulan\b", r"\btw\b", r"\btrw\b"), kinds=True,
             quarterly=True),
        Role("target", all_=(r"^target\b",),
             any_=(r"\bdievaluasi\b", r"\btahun berjalan\b", r"\brenja\b", r"\brkpd\b"),
             none=(r"\bakhir periode\b",), kinds=True),
        Role("target_renstra", all_=(r"^target\b",), any_=(*_RENSTRA, r"\bperiode\b"),
             kinds=True),
        # once the Renstra's is ruled out: "Target Kinerja … Tahun 2023"
        Role("target", all_=(r"^target\b", _YEAR), kinds=True),
        Role("predikat", any_=(r"\bpredikat\b",)),
        Role("unit", any_=(r"penanggung ?jawab", r"\bpenanggung\b", r"^unit\b", r"^opd$",
                           r"^perangkat daerah$")),
        Role("keterangan", any_=(r"^keterangan\b", r"^ket$")),
        Role("uraian", any_=(r"\burusan\b", r"\bprogram\b", r"\bkegiatan\b", r"^uraian\b",
                             r"\bnomenklatur\b"),
             none=(r"^target\b", r"^realisasi\b", r"^tingkat\b"), identity=True),
        Role("konteks", any_=(r"^visi\b", r"^misi\b", r"^tujuan\b")),
    ),
    required=("indikator",),
    # the quarterly form (E.81), or the Renja's own annual T-C.29: no quarters, but target or
    # realisasi in K and Rp (a pengukuran has no Rp)
    any_required=(("target", "realisasi"), ("triwulan", "target_rp", "realisasi_rp")),
    continuation_rows=True,
    label_columns=(("keterangan", "predikat", "predikat"),),
)

# Derived columns, in evaluation order (``Formula``)
FORMULAS: tuple[Formula, ...] = tuple(
    item
    for kind in ("k", "rp")
    for item in (
        (f"realisasi_{kind}", "sum",
         tuple(f"tw{q}_{kind}" for q in range(1, 5)), "sum-mismatch", "13 = 9+10+11+12"),
        (f"realisasi_renstra_{kind}", "add", (f"realisasi_lalu_{kind}", f"realisasi_{kind}"),
         "cumulative-mismatch", "14 = 7 + 13"),
        (f"capaian_{kind}", "ratio", (f"realisasi_{kind}", f"target_{kind}"),
         "capaian-mismatch", "15 = 13 / 8 × 100"),
        (f"capaian_renstra_{kind}", "ratio",
         (f"realisasi_renstra_{kind}", f"target_renstra_{kind}"),
         "capaian-mismatch", "16 = 14 / 6 × 100"),
    )
)

# Rp columns that add up the kode hierarchy (kegiatan = Σ sub kegiatan, program = Σ kegiatan,
# JUMLAH = Σ program)
HIERARCHY_KEYS = (
    "target_renstra_rp", "realisasi_lalu_rp", "target_rp", "tw1_rp", "tw2_rp", "tw3_rp",
    "tw4_rp", "realisasi_rp", "realisasi_renstra_rp",
)

K_KEYS = ("target_renstra_k", "realisasi_lalu_k", "target_k", "tw1_k", "tw2_k", "tw3_k",
          "tw4_k", "realisasi_k", "realisasi_renstra_k")

RECORD_KEYS = (
    "target_renstra_k", "target_renstra_rp", "realisasi_lalu_k", "realisasi_lalu_rp",
    "target_k", "target_rp", "tw1_k", "tw1_rp", "tw2_k", "tw2_rp", "tw3_k", "tw3_rp",
    "tw4_k", "tw4_rp", "realisasi_k", "realisasi_rp", "realisasi_renstra_k",
    "realisasi_renstra_rp", "capaian_k", "capaian_rp", "capaian_renstra_k",
    "capaian_renstra_rp", "predikat",
)
# recomputed, in the records as ``{key}_hitung`` (the FORMULAS' results, in SPEC §5's order)
DERIVED_KEYS = ("realisasi_k", "realisasi_rp", "realisasi_renstra_k", "realisasi_renstra_rp",
                "capaian_k", "capaian_rp", "capaian_renstra_k", "capaian_renstra_rp")
SUMMARY_KEYS = ("target_rp", "realisasi_rp", "capaian_k")  # Ringkasan's pagu, realisasi, capaian
PREDIKAT_SCALE = "permendagri"  # the Ringkasan's predikat of the rata-rata capaian
