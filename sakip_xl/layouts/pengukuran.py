"""LKjIP pengukuran kinerja (Permenpan-RB 53/2014, SPEC §2.2)."""

from . import Layout, Role

PENGUKURAN = Layout(
    name="pengukuran",
    title="Pengukuran Kinerja (LKjIP)",
    title_en="Performance measurement (LKjIP)",
    roles=(
        Role("no", any_=(r"^no$", r"^nomor$")),
        Role("kode", any_=(r"^kode\b",), identity=True, spans=True),
        Role("indikator", any_=(r"\bindikator\b", r"^iku$", r"^i k u$"), identity=True),
        Role("sasaran", any_=(r"^sasaran\b", r"^tujuan\b.*\bsasaran\b"), identity=True),
        Role("satuan", any_=(r"^satuan\b",)),
        Role("polaritas", any_=(r"^polari", r"^arah\b")),
        Role("bobot", any_=(r"^bobot\b",)),
        Role("capaian", any_=(r"\bcapaian\b", r"^% capaian", r"^persentase capaian",
                              r"^tingkat capaian", r"\bpencapaian\b", r"\bketercapaian\b",
                              r"^%$", r"^% realisasi\b", r"^(persen|prosen|presen)(tase)?( %)?$"),
             # "Rencana Tingkat Capaian (Target)" (the LAKIP form), "Target Capaian": the target
             none=(r"^rencana\b", r"^target\b"), percent=True),
        Role("realisasi", any_=(r"^realisasi\b",)),
        Role("target", any_=(r"^target\b", r"^rencana\b")),
        Role("predikat", any_=(r"^predikat\b", r"^kategori\b", r"^kriteria\b")),
        # the predikat as one column per label, the row's marked with √ (seed 003, Dumai)
        Role("predikat", any_=tuple(f"^{label}$" for label in (
            "sangat berhasil", "berhasil", "cukup berhasil", "kurang berhasil", "tidak berhasil",
            "sangat tinggi", "tinggi", "sedang", "rendah", "sangat rendah", "sangat baik",
            "baik", "cukup", "kurang", "sangat kurang")), marks=True),
        Role("keterangan", any_=(r"^keterangan\b", r"^ket$")),
        Role("unit", any_=(r"^unit\b", r"penanggung ?jawab")),
        Role("formula", any_=(r"^formula\b", r"^rumus\b", r"^cara pengukuran\b")),
    ),
    required=("indikator", "target", "realisasi"),
    forbidden=("triwulan",),
    years=True,
    label_columns=(("keterangan", "predikat", "predikat"),),
)

# record keys of the evaluated year
RECORD_KEYS = ("sasaran", "polaritas", "target", "realisasi", "capaian", "predikat")
# recomputed, in the records as ``{key}_hitung`` (the change against the previous year too)
DERIVED_KEYS = ("capaian", "perubahan_realisasi")
SUMMARY_KEYS = (None, None, "capaian")  # Ringkasan's pagu, realisasi, capaian
PREDIKAT_SCALE = "lkjip"  # the Ringkasan's predikat of the rata-rata capaian

# words in an indicator's name that mean lower is better (SPEC §2.2)
NEGATIVE_WORDS = (
    r"\bkemiskinan\b", r"\bpengangguran\b", r"\bjumlah kasus\b", r"\bkasus\b", r"\bprevalensi\b",
    r"\bangka kematian\b", r"\bkematian\b", r"\bstunting\b", r"\bgizi buruk\b", r"\bpenurunan\b",
    r"\bpelanggaran\b", r"\bkriminalitas\b", r"\bkecelakaan\b", r"\btemuan\b", r"\bketimpangan\b",
    r"\bgini\b", r"\bputus sekolah\b", r"\bbuta aksara\b", r"\bpmks\b", r"\bkumuh\b",
    r"\binflasi\b", r"\bkerugian\b", r"\bbanjir\b", r"\bsengketa\b", r"\bpengaduan\b",
)
