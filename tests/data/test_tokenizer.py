from qcog.data.tokenizer import Vocabulary, tokenize


def test_tokenize_normalises_urls_users_and_case():
    assert tokenize("Can't WAIT!! @jo https://t.co/x #SXSW") == [
        "can't",
        "wait",
        "!",
        "!",
        "<user>",
        "<url>",
        "sxsw",
    ]


def test_vocabulary_is_frequency_ranked_limited_and_deterministic():
    texts = ["b a", "c b", "b d d"]
    v = Vocabulary.build(texts, max_size=5)
    assert v.tokens == ["<pad>", "<unk>", "<cls>", "b", "d"]
    assert Vocabulary.build(list(reversed(texts)), max_size=5).tokens == v.tokens
    assert Vocabulary.build(texts, min_freq=2).tokens == ["<pad>", "<unk>", "<cls>", "b", "d"]


def test_encode_pads_truncates_and_maps_unknown_words():
    v = Vocabulary(["<pad>", "<unk>", "<cls>", "x", "y"])
    assert v.encode(["x q", "y y y y y"], max_len=4).tolist() == [[2, 3, 1, 0], [2, 4, 4, 4]]
