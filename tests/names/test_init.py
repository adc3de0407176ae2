import caveat.names
from caveat.names import analyze_name, clear_caches
from caveat.names.korean import romanised_readings
from caveat.names.mandarin import wade_giles_tokens


def test_all_is_complete():
    for name in caveat.names.__all__:
        assert hasattr(caveat.names, name), name


def test_clear_caches():
    analyze_name("Рособоронэкспорт")
    assert analyze_name.cache_info().currsize > 0
    clear_caches()
    assert analyze_name.cache_info().currsize == 0
    assert analyze_name("Рособоронэкспорт")


def test_clear_caches_empties_the_romanisation_caches():
    analyze_name("Mao Tse-tung")
    romanised_readings("yeo")
    assert wade_giles_tokens.cache_info().currsize > 0
    assert romanised_readings.cache_info().currsize > 0
    clear_caches()
    assert wade_giles_tokens.cache_info().currsize == 0
    assert romanised_readings.cache_info().currsize == 0
