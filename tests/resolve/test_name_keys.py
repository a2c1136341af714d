import pytest

from presslens.resolve.names import initials, name_key, name_tokens


@pytest.mark.parametrize("a, b", [
    ("Qasem Suleimani", "Qassem Soleimani"),
    ("Mustafa al-Kadhimi", "Mustafa Al-Kadhimi"),
    ("Khadimi", "Kadhimi"),
    ("Khadhimi", "al-Kadhimi"),
    ("Daesh", "Deash"),
    ("Mohammed", "Muhammad"),
    ("Asa'ib Ahl al-Haq", "Asaib Ahl al Haq"),
    ("Mousavi", "Musavi"),
    # Letters Unicode decomposition leaves whole.
    ("Abdullah Bozkır", "Abdullah Bozkir"),
    ("Søren Møller", "Soren Moller"),
    # The name of God joined to the word before it or written apart.
    ("Jund Allah", "Jundallah"),
    ("Hizb Allah", "Hizballah"),
])
def test_spellings_of_one_name_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Iraq", "Iran"),
    ("Mohammad Karim al-Saedi", "Saad al-Saadi"),
    ("Abu Mahdi al-Muhandis", "Ammar al-Hakim"),
    ("Austria", "Australia"),
])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_titles_are_stripped_only_when_asked():
    assert name_tokens("President Joe Biden", strip_titles=True) == ["joe", "biden"]
    assert name_tokens("President Joe Biden") == ["president", "joe", "biden"]
    # A title alone is still a name of something.
    assert name_tokens("President", strip_titles=True) == ["president"]


def test_initials():
    assert initials("Popular Mobilization Units") == "PMU"
    assert initials("Islamic State of Iraq and the Levant") == "ISIL"
