"""LKjIP efisiensi penggunaan sumber daya: sasaran / indikator | capaian kinerja (%) |
penyerapan anggaran (%) | tingkat efisiensi (SPEC §2.3; seeds 000, Bengkalis, and 003, Dumai).

There is no official formula: the tables divide (capaian ÷ serapan), subtract (capaian −
serapan) or take the unspent share (100 − serapan). The rules recompute all three side by side
and check a row only against the formula the table's other rows follow.
"""

from . import Layout, Role

EFISIENSI = Layout(
    name="efisiensi",
    title="Efisiensi Sumber Daya (LKjIP)",
    title_en="Resource efficiency (LKjIP)",
    roles=(
        Role("no", any_=(r"^no$", r"^nomor$")),
        Role("indikator", any_=(r"\bindikator\b", r"^iku$"), identity=True),
        Role("sasaran", any_=(r"^sasaran\b", r"^tujuan\b"), identity=True),
        Role("uraian", any_=(r"^program\b", r"^uraian\b"), identity=True),
        Role("efisiensi", any_=(r"\befisiensi\b",)),
        # under a group "Capaian (%)": "Kinerja" | "Keuangan"
        Role("serapan", any_=(r"\bserapan\b", r"\bpenyerapan\b",
                              r"^(% )?capaian (keuangan|anggaran)\b",
                              r"^realisasi (anggaran )?%", r"^realisasi (anggaran )?persen",
                              r"^keuangan\b"),
             percent=True),
        Role("capaian", any_=(r"^capaian\b", r"^tingkat (capaian|pencapaian)\b",
                              r"^% (capaian|pencapaian)\b",
                              r"^(persentase|prosentase) (capaian|pencapaian)\b",
                              r"^pencapaian\b", r"^kinerja\b"),
             percent=True),
        Role("realisasi", any_=(r"^realisasi\b",)),
        Role("anggaran", any_=(r"^anggaran\b", r"^pagu\b", r"^alokasi\b")),
        Role("kategori", any_=(r"^kategori\b", r"^kriteria\b", r"^keterangan\b", r"^ket$")),
    ),
    required=("capaian", "efisiensi"),
    any_required=(("serapan", "realisasi"),),
    forbidden=("target", "triwulan"),
    # a "Tingkat Efisiensi" over two columns (Dumai: the rupiah saved | its percentage)
    twins=(("efisiensi", "efisiensi_rp"),),
    # "Tingkat Efisiensi" holding "Sangat Efisien", "Efisien" (Bengkalis) is the kategori; a
    # "Realisasi Anggaran" of percentages without a pagu beside it is the serapan
    label_columns=(("efisiensi", "kategori", "efisiensi"), ("realisasi", "serapan", "percent")),
)

RECORD_KEYS = ("sasaran", "capaian", "serapan", "efisiensi", "efisiensi_rp", "anggaran",
               "realisasi", "kategori")
# recomputed, in the records as ``{key}_hitung``: the serapan from the amounts, the efisiensi by
# the table's own formula, and the three formulas side by side
DERIVED_KEYS = ("serapan", "efisiensi", "rasio", "selisih", "tidak_terserap")
# Ringkasan's pagu, realisasi, capaian: none. The table analyses the capaian of the pengukuran
# and the budget of the realisasi anggaran; counted again, they would be two bars per OPD in the
# charts and twice in the totals
SUMMARY_KEYS = (None, None, None)
PREDIKAT_SCALE = "lkjip"  # the Ringkasan's predikat of the rata-rata capaian
