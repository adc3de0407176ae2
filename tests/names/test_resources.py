from caveat.names.resources import load_data


def test_every_data_file_loads():
    for name in ("legal_forms.yml", "honorifics.yml", "korean.yml", "han.yml", "alphabets.yml"):
        assert isinstance(load_data(name), dict), name
