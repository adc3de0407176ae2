"""Warm-up comparisons run by every algorithm before timing starts.

They load what each matcher loads once per process (modules, models, per-script
transliterators) without touching the per-string caches of any benchmark input: none of
these names occurs in the benchmark corpora. Caveat and the peers use the same list.
"""

from __future__ import annotations

# (schema, query name, candidate name)
WARM_UP: tuple[tuple[str, str, str], ...] = (
    ("Person", "Jonathan Q. Warmup", "Jonathon Warmupp"),
    ("Company", "Warmup Holdings Ltd", "Warmup Holding Limited"),
    ("Person", "Прохор Жёлудев", "Prokhor Zheludev"),
    ("Person", "زاهر النقيب", "Zaher al-Naqib"),
    ("Person", "欧阳修", "Ouyang Xiu"),
    ("Person", "윤봉길", "Yun Bong-gil"),
    ("Person", "Ευκλείδης Παπαδόπουλος", "Efkleidis Papadopoulos"),
)
