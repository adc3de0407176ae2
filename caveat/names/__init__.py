"""Names: from any script to comparable Latin tokens.

The pure core of name handling: no I/O, no global state beyond bounded caches that
`clear_caches` empties. Knowledge (legal forms, titles, Korean and Japanese names)
ships as YAML in `caveat/names/data`.

- `analyze_name`: a name to its Latin `NameForm`s (tokens, legal forms, scripts).
- `fold`: lowercase ASCII folding of Latin-script text.
- `phonetic_key`, `skeleton`, `retyped_key`: keys that let spellings, abjad renderings
  and Latin names retyped in Greek or Cyrillic meet.
- `heard_alike`, `heard_readings`: pinyin written by ear ("Shi" for "Xi").
- `text_scripts`: the scripts a text is written in.
- `strip_legal_forms`, `strip_honorifics`, `generic_org_words`: the knowledge behind
  `analyze_name`, for callers that work on tokens.

Name variants (Wikidata groups, nicknames) are in `caveat.names.variants`.
"""

from caveat.names.analyze import NameForm, analyze_name
from caveat.names.burmese import romanize_burmese
from caveat.names.han import (
    chinese_name_tokens,
    han_syllable,
    split_japanese_surname,
)
from caveat.names.honorifics import honorific_tables, strip_honorifics
from caveat.names.korean import (
    clear_romanised_caches,
    hanja_to_hangul,
    korean_name_tokens,
    romanize_word,
)
from caveat.names.legal_forms import (
    clear_legal_form_caches,
    generic_org_words,
    legal_form_classes,
    strip_legal_forms,
)
from caveat.names.mandarin import clear_mandarin_caches, heard_alike, heard_readings
from caveat.names.normalize import fold, split_words, tokens_of
from caveat.names.particles import is_patronymic, name_particles
from caveat.names.phonetic import (
    coarser_alphabet,
    phonetic_key,
    retyped_key,
    retyped_spelling,
    retyping_alphabet,
    skeleton,
)
from caveat.names.resources import load_data
from caveat.names.scripts import text_scripts, word_script
from caveat.names.translit import render_word

__all__ = [
    "NameForm",
    "analyze_name",
    "clear_caches",
    "coarser_alphabet",
    "fold",
    "generic_org_words",
    "heard_alike",
    "heard_readings",
    "is_patronymic",
    "legal_form_classes",
    "name_particles",
    "phonetic_key",
    "retyped_key",
    "retyping_alphabet",
    "skeleton",
    "split_words",
    "strip_honorifics",
    "strip_legal_forms",
    "text_scripts",
    "tokens_of",
]


def clear_caches() -> None:
    """Empty every cache of `caveat.names` (per-string results and loaded knowledge)."""
    for cached in (
        analyze_name,
        fold,
        phonetic_key,
        retyped_key,
        retyped_spelling,
        retyping_alphabet,
        skeleton,
        text_scripts,
        word_script,
        render_word,
        han_syllable,
        chinese_name_tokens,
        split_japanese_surname,
        korean_name_tokens,
        hanja_to_hangul,
        name_particles,
        is_patronymic,
        romanize_word,
        romanize_burmese,
        honorific_tables,
        load_data,
    ):
        cached.cache_clear()
    clear_legal_form_caches()
    clear_mandarin_caches()
    clear_romanised_caches()
