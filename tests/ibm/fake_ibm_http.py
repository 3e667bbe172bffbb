"""An HTTP-level fake of the IBM Quantum runtime REST API, for tests (no network).

What is real: qiskit-ibm-runtime's ``RuntimeClient`` (its ``RetrySession``, IAM
``CloudAuth``, REST paths), ``QiskitRuntimeService.job``, ``.jobs`` (listing by tag),
``.usage`` and ``.instances`` and ``RuntimeJobV2`` (status, tags, inputs, backend,
error message, result decoding, cancel, usage). What is faked: the server, with the
``responses`` library: IAM token endpoint, ``POST /jobs``, ``GET /jobs`` (filtered by
tags, newest first, paged), ``GET /jobs/{id}`` (with the submitted params unless
``exclude_params``), ``GET /jobs/{id}/results``, ``POST /jobs/{id}/cancel``,
``GET /jobs/{id}/metrics``, ``GET /backends/{name}/configuration`` (FakeManila's, renamed)
and ``GET /instances/usage``; and the service object is built without its start-up
calls (the instance list is set to one instance on ``plan``). Submission goes through
``RuntimeClient.program_run`` (a real ``POST /jobs`` with the PUBs encoded by
``RuntimeEncoder``) instead of the primitives' own pre-processing, which would need a
remote backend's configuration.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
import uuid
from collections import deque
from urllib.parse import parse_qs, urlparse

import pytest

FAKE_TOKEN = "qcogFAKEtoken-7f3a9c2e1b55d"
CRN = "crn:v1:bluemix:public:quantum-computing:us-east:a/qcogtest:instance0::"
BASE = "https://runtime.fake-ibm.qcog.test/api/v1"
IAM = "https://iam.fake-ibm.qcog.test"
BACKEND = "ibm_fakecity"


def sampler_result_json(counts_per_pub: list[dict[str, int]], metadata: dict | None = None) -> str:
    """What the server returns for a finished sampler job: a RuntimeEncoder'd PrimitiveResult."""
    from qiskit.primitives.containers import BitArray, DataBin, PrimitiveResult, SamplerPubResult
    from qiskit_ibm_runtime import RuntimeEncoder

    pubs = []
    for counts in counts_per_pub:
        width = max(len(k) for k in counts)
        bits = BitArray.from_counts(counts, num_bits=width)
        pubs.append(SamplerPubResult(DataBin(meas=bits), metadata={"circuit_metadata": {}}))
    return json.dumps(
        PrimitiveResult(pubs, metadata=metadata or {"version": 2}), cls=RuntimeEncoder
    )


class FakeIBM:
    """The fake server. ``script`` is the list of states GET /jobs/{id} walks through.

    Attributes:
        jobs: job id -> {'states': deque, 'reason': str|None, 'result': str, 'usage': float}
        failures: HTTP codes the next GET /jobs/{id} requests answer with, one each
            ("reset": the connection drops).
        calls: (method, path) of every request.
        plan: the instance's plan (``service.instances()``).
        usage: what ``GET /instances/usage`` answers.
        offline: every request fails as if the network were down.
    """

    def __init__(self, rsps, script=("Queued", "Running", "Completed"), counts=None) -> None:
        self.rsps = rsps
        self.jobs: dict[str, dict] = {}
        self.failures: deque[int] = deque()
        self.calls: list[tuple[str, str]] = []
        self.script = list(script)
        self.counts = counts or [{"000": 480, "111": 520}]
        self.reason: str | None = None
        self.plan = "premium"
        self.usage = {
            "usage_consumed_seconds": 100,
            "usage_limit_seconds": 6000,
            "usage_limit_reached": False,
            "usage_period": {
                "start_time": "2026-01-01T00:00:00Z",
                "end_time": "2026-01-29T00:00:00Z",
            },
        }
        self.offline = False
        self._created = 1_767_225_600  # 2026-01-01T00:00:00Z; each new job one minute later
        self._register()

    # server side -------------------------------------------------------------
    def add_job(
        self,
        job_id: str,
        states,
        reason=None,
        counts=None,
        usage=3.0,
        tags=(),
        params=None,
        program="sampler",
    ) -> None:
        self._created += 60
        self.jobs[job_id] = {
            "states": deque(states),
            "reason": reason,
            "result": sampler_result_json(counts or self.counts),
            "usage": usage,
            "tags": list(tags),
            "params": params,
            "program": program,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self._created)),
        }

    def _job_json(self, job_id: str, state: str, with_params: bool = False) -> dict:
        job = self.jobs[job_id]
        body = {
            "id": job_id,
            "backend": BACKEND,
            "program": {"id": job["program"]},
            "created": job["created"],
            "state": {"status": state},
            "status": state,
            "tags": job["tags"],
        }
        if job["reason"]:
            body["state"]["reason"] = job["reason"]
        if with_params and job["params"] is not None:
            body["params"] = json.loads(job["params"])
        return body

    def _current(self, job: dict) -> str:
        if len(job["states"]) > 1:
            return job["states"].popleft()
        return job["states"][0]

    def _register(self) -> None:
        import responses

        def log(request):
            self.calls.append((request.method, request.path_url.split("?")[0]))
            if self.offline:
                import requests

                raise requests.ConnectionError(
                    "HTTPSConnectionPool(host='runtime.fake-ibm.qcog.test', port=443): Max "
                    "retries exceeded (Failed to establish a new connection: [Errno -3] "
                    "Temporary failure in name resolution)"
                )

        def iam(request):
            log(request)
            import jwt  # PyJWT, a dependency of ibm-cloud-sdk-core

            now = int(time.time())
            access = jwt.encode(
                {"iat": now, "exp": now + 3600, "sub": "qcog-test"}, "k" * 32, algorithm="HS256"
            )
            body = {
                "access_token": access,
                "refresh_token": "fake-refresh",
                "token_type": "Bearer",
                "expires_in": 3600,
                "expiration": now + 3600,
            }
            return 200, {}, json.dumps(body)

        def post_job(request):
            log(request)
            body = json.loads(request.body)  # the client sent valid JSON
            job_id = "d" + uuid.uuid4().hex[:19]
            self.add_job(
                job_id,
                self.script,
                self.reason,
                tags=body.get("tags", []),
                params=json.dumps(body["params"]),
                program=body["program_id"],
            )
            return 200, {}, json.dumps({"id": job_id, "backend": BACKEND})

        def list_jobs(request):
            log(request)
            query = parse_qs(urlparse(request.url).query)
            wanted = set(query.get("tags", []))
            found = [
                (job_id, job) for job_id, job in self.jobs.items() if wanted <= set(job["tags"])
            ]
            found.sort(key=lambda item: item[1]["created"], reverse=True)
            offset = int(query.get("offset", ["0"])[0])
            limit = int(query.get("limit", ["20"])[0])
            page = found[offset : offset + limit]
            body = {
                "jobs": [self._job_json(job_id, job["states"][0]) for job_id, job in page],
                "count": len(found),
            }
            return 200, {}, json.dumps(body)

        def configuration(request):
            log(request)
            from pathlib import Path

            import qiskit_ibm_runtime.fake_provider.backends.manila as manila

            config = json.loads((Path(manila.__file__).parent / "conf_manila.json").read_text())
            config["backend_name"] = BACKEND
            return 200, {}, json.dumps(config)

        def usage(request):
            log(request)
            return 200, {}, json.dumps(self.usage)

        def get_job(request):
            log(request)
            if self.failures:
                code = self.failures.popleft()
                if code == "reset":
                    import requests

                    raise requests.ConnectionError("connection reset by peer")
                return code, {}, json.dumps({"errors": [{"message": "try again", "code": code}]})
            job_id = request.path_url.split("?")[0].rsplit("/", 1)[1]
            if job_id not in self.jobs:
                return 404, {}, json.dumps({"errors": [{"message": "Job not found", "code": 404}]})
            job = self.jobs[job_id]
            if "exclude_params" not in request.url:  # job.inputs: no step in the script
                return 200, {}, json.dumps(self._job_json(job_id, job["states"][0], True))
            return 200, {}, json.dumps(self._job_json(job_id, self._current(job)))

        def results(request):
            log(request)
            job = self.jobs[request.path_url.split("/")[-2]]
            state = job["states"][0].upper()
            if state in ("FAILED", "ERROR"):
                return 200, {}, f"Traceback (most recent call last):\n  {job['reason'] or 'failed'}"
            return 200, {}, job["result"]

        def cancel(request):
            log(request)
            job = self.jobs[request.path_url.split("/")[-2]]
            job["states"] = deque(["Cancelled"])
            return 204, {}, ""

        def metrics(request):
            log(request)
            job = self.jobs[request.path_url.split("/")[-2]]
            usage = {
                "quantum_seconds": job["usage"],
                "seconds": job["usage"],
                "qpu_charge_time_seconds": job["usage"],
                "status": "complete",
            }
            return 200, {}, json.dumps({"usage": usage})

        jobs = re.escape(BASE) + r"/jobs/([^/?]+)"
        self.rsps.add_callback(responses.POST, IAM + "/identity/token", callback=iam)
        self.rsps.add_callback(responses.POST, BASE + "/jobs", callback=post_job)
        self.rsps.add_callback(
            responses.GET, re.compile(re.escape(BASE) + r"/jobs(\?.*)?$"), callback=list_jobs
        )
        self.rsps.add_callback(
            responses.GET,
            re.compile(re.escape(BASE) + r"/backends/[^/]+/configuration(\?.*)?$"),
            callback=configuration,
        )
        self.rsps.add_callback(
            responses.GET, re.compile(re.escape(BASE) + r"/instances/usage(\?.*)?$"), callback=usage
        )
        self.rsps.add_callback(responses.GET, re.compile(jobs + r"/results$"), callback=results)
        self.rsps.add_callback(responses.GET, re.compile(jobs + r"/metrics$"), callback=metrics)
        self.rsps.add_callback(responses.POST, re.compile(jobs + r"/cancel$"), callback=cancel)
        self.rsps.add_callback(responses.GET, re.compile(jobs + r"(\?.*)?$"), callback=get_job)

    # client side -------------------------------------------------------------
    def service(self):
        """A real ``QiskitRuntimeService`` (start-up calls skipped) whose client talks to us."""
        from qiskit_ibm_runtime import QiskitRuntimeService
        from qiskit_ibm_runtime.api.client import RuntimeClient
        from qiskit_ibm_runtime.api.client_parameters import ClientParameters

        params = ClientParameters(
            channel="ibm_quantum_platform",
            token=FAKE_TOKEN,
            url=BASE,
            instance=CRN,
            url_resolver=lambda url, instance, private, channel: url,
        )
        service = QiskitRuntimeService.__new__(QiskitRuntimeService)
        service._active_api_client = RuntimeClient(params)
        service._api_clients = {CRN: service._active_api_client}
        service._backend_instance_groups = []
        service._backend_configs = {}
        service._backends_info_per_instance = {}
        service._channel = "ibm_quantum_platform"
        self._service = service
        self.plan = self._plan  # fills service.instances()
        return service

    @property
    def plan(self) -> str:
        return self._plan

    @plan.setter
    def plan(self, name: str) -> None:
        self._plan = name
        if getattr(self, "_service", None) is not None:
            instance = {"crn": CRN, "plan": name, "name": "qcog-test", "tags": []}
            self._service._all_instances = [instance]

    def run_pubs(self, service):
        """Stand-in for ``qcog.ibm.primitives.run_pubs``: a real POST /jobs via RuntimeClient."""

        def run(kind, mode_obj, pubs, options, tags=()):
            params = {"pubs": [(pub[0], None, options.shots) for pub in pubs], "version": 2}
            response = service._active_api_client.program_run(
                program_id=kind,
                backend_name=BACKEND,
                params=params,
                image=None,
                log_level=None,
                session_id=None,
                job_tags=list(tags),
            )
            return service.job(response["id"])

        return run


def fake_target(name: str = "manila"):
    """Stand-in for ``qcog.ibm.submission.resolve_target``: a fake device's target, remote flag."""
    from qiskit_ibm_runtime.fake_provider import FakeManilaV2

    return lambda backend, service=None, min_qubits=1: (FakeManilaV2(), f"ibm:{BACKEND}", False)


@contextlib.contextmanager
def patched_fake_ibm(monkeypatch):
    """Point qcog's IBM code at a FakeIBM server; yields ``(server, service)``.

    The service is the real QiskitRuntimeService client talking to the fake over
    ``responses``; submission's target lookup and primitive call go to the fake too.
    """
    import responses

    monkeypatch.setenv("IAM_URL", IAM)
    monkeypatch.setenv("QISKIT_IBM_TOKEN", FAKE_TOKEN)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        server = FakeIBM(rsps)
        service = server.service()
        monkeypatch.setattr("qcog.ibm.submission.resolve_target", fake_target())
        monkeypatch.setattr("qcog.ibm.submission.run_pubs", server.run_pubs(service))
        monkeypatch.setattr("qcog.ibm.account.open_service", lambda: service)
        yield server, service


@pytest.fixture
def fake_ibm(monkeypatch):
    """(FakeIBM server, real QiskitRuntimeService talking to it); submit patched to use them."""
    with patched_fake_ibm(monkeypatch) as pair:
        yield pair
