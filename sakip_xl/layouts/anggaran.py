"""LKjIP realisasi anggaran: program / kegiatan / sub kegiatan | anggaran | realisasi | %
(SPEC §2.3)."""

from . import Layout, Role

ANGGARAN = Layout(
    name="anggaran",
    title="Realisasi Anggaran (LKjIP)",
    title_en="Budget realisation (LKjIP)",
    roles=(
        Role("no", any_=(r"^no$", r"^nomor$")),
        Role("kode", any_=(r"^kode\b", r"^kd rek", r"^rekening\b"), identity=True, spans=True),
        Role("sasaran", any_=(r"^sasaran\b",), none=(r"capaian",), identity=True),
        Role("persen", any_=(r"^%$", r"^% ", r"persentase", r"\bserapan\b", r"\bpenyerapan\b",
                             r"^capaian\b",
                             r"\bcapaian keuangan\b", r"^realisasi \(?%", r"^prosentase",
                             r"^tingkat realisasi\b"),
             percent=True),
        Role("sisa", any_=(r"^sisa\b", r"^selisih\b")),
        Role("realisasi", any_=(r"^realisasi\b", r"^(jumlah|total) realisasi\b")),
        Role("anggaran", any_=(r"^anggaran\b", r"^pagu\b", r"^alokasi\b", r"^target\b",
                               r"^(jumlah|total) anggaran\b", r"^dpa\b")),
        Role("keterangan", any_=(r"^keterangan\b", r"^sumber dana\b", r"^ket$")),
        Role("uraian", any_=(r"\bprogram\b", r"\bkegiatan\b", r"^uraian\b", r"^nama\b"),
             identity=True),
    ),
    required=("anggaran",),
    any_required=(("uraian", "sasaran"),),
    forbidden=("indikator", "triwulan"),
)

RECORD_KEYS = ("anggaran", "realisasi", "persen", "sisa")
DERIVED_KEYS = ("persen", "sisa")  # recomputed, in the records as ``{key}_hitung``
SUMMARY_KEYS = ("anggaran", "realisasi", None)  # Ringkasan's pagu, realisasi, capaian
PREDIKAT_SCALE = "permendagri"  # the Ringkasan's predikat of the rata-rata capaian
