"""LKjIP rencana aksi per triwulan (SPEC §2.3, seed 002 Lampiran 2).

One row per quarter: an indicator (and each program) spans four rows "Triwulan I … IV", its
name and annual target merged down over them. Columns under the group "Kinerja" get the prefix
``k_``, those under "Anggaran" ``rp_``.
"""

from . import Layout, Role

RENCANA_AKSI = Layout(
    name="rencana_aksi",
    title="Rencana Aksi per Triwulan (LKjIP)",
    title_en="Quarterly action plan (LKjIP)",
    roles=(
        Role("no", any_=(r"^no$",)),
        Role("sasaran", any_=(r"^sasaran\b",), identity=True),
        Role("indikator", any_=(r"\bindikator\b",), identity=True),
        Role("satuan", any_=(r"^satuan\b",)),
        Role("tahunan", any_=(r"\btahunan\b", r"^target tahun\b")),
        Role("triwulan", any_=(r"^triwulan$", r"^tw$", r"^triwulan ke\b"), identity=True),
        Role("target", any_=(r"^target$", r"^rencana$")),
        Role("realisasi", any_=(r"^realisasi$",)),
        Role("persen", any_=(r"^%$", r"^persen", r"^capaian\b"), percent=True),
        Role("program", any_=(r"^program\b", r"^kegiatan\b"), identity=True),
        Role("keterangan", any_=(r"^keterangan\b",)),
    ),
    required=("indikator", "triwulan", "target", "realisasi", "tahunan"),
    prefixes=((r"^kinerja\b", "k_"), (r"^anggaran\b", "rp_")),
)

# the program's name goes to ``uraian``
RECORD_KEYS = ("sasaran", "k_tahunan", "k_target", "k_realisasi", "k_persen", "rp_tahunan",
               "rp_target", "rp_realisasi", "rp_persen")
DERIVED_KEYS = ("k_persen", "rp_persen")  # recomputed, in the records as ``{key}_hitung``
SUMMARY_KEYS = (None, None, None)  # Ringkasan's pagu, realisasi, capaian
PREDIKAT_SCALE = "permendagri"  # the Ringkasan's predikat of the rata-rata capaian
