import caveat.names
from caveat.names import analyze_name, clear_caches


def test_all_is_complete():
    for name in caveat.names.__all__:
        assert hasattr(caveat.names, name), name


def test_clear_caches():
    analyze_name("Рособоронэкспорт")
    assert analyze_name.cache_info().currsize > 0
    clear_caches()
    assert analyze_name.cache_info().currsize == 0
    assert analyze_name("Рособоронэкспорт")
