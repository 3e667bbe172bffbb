import json

from qcog.cli import main
from qcog.info import environment_info

TOKEN = "tok_SECRET_0123456789abcdef"


def test_info_reports_versions_and_backends():
    info = environment_info()
    assert info["packages"]["qiskit"].startswith("2.")
    assert info["backends"]["aer"]["usable"] is True
    assert info["backends"]["auto"]["resolves_to"] in ("aer", "aer-gpu")
    assert info["backends"]["ibm"] == {"usable": False, "account": "not configured"}


def test_info_json_never_prints_the_token(monkeypatch, capsys):
    monkeypatch.setenv("QISKIT_IBM_TOKEN", TOKEN)
    assert main(["info", "--json"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["backends"]["ibm"]["account"] == "environment"
    assert TOKEN not in out.out + out.err
    assert main(["info"]) == 0
    out = capsys.readouterr()
    assert TOKEN not in out.out + out.err and "account: environment" in out.out
