"""The shared reimplementation harness: device, seeds, threads, training loop, records and checks."""

from __future__ import annotations

import json

import pytest
import torch
from reimpl import harness
from reimpl.harness import ArmResult, RunResult, at_least, at_most, pick_device


def test_pick_device_auto_and_cpu() -> None:
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert pick_device(None).type == expected
    assert pick_device("auto").type == expected
    assert pick_device("cpu") == torch.device("cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_pick_device_cuda_without_gpu_is_refused() -> None:
    with pytest.raises(ValueError, match="CUDA"):
        pick_device("cuda")


@pytest.mark.parametrize("bad", ["gpu", "banana", "cuda:x"])
def test_pick_device_rejects_garbage(bad: str) -> None:
    with pytest.raises(ValueError):
        pick_device(bad)


def test_seed_everything_repeats_draws() -> None:
    harness.seed_everything(7)
    a = torch.randn(5)
    harness.seed_everything(7)
    assert torch.equal(a, torch.randn(5))


def test_cpu_threads_restores() -> None:
    before = torch.get_num_threads()
    with harness.cpu_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before


def test_train_reduces_loss_and_reports() -> None:
    torch.manual_seed(0)
    w = torch.nn.Parameter(torch.tensor([3.0]))
    opt = torch.optim.SGD([w], lr=0.1)
    reports: list[tuple[int, int, float]] = []
    after: list[int] = []
    losses = harness.train(
        lambda step: (w**2).sum(),
        [w],
        opt,
        30,
        device=torch.device("cpu"),
        progress=lambda s, t, m: reports.append((s, t, m["loss"])),
        report_every=10,
        after_step=after.append,
    )
    assert len(losses) == 30 and losses[-1] < losses[0]
    assert [r[0] for r in reports] == [10, 20, 30] and all(r[1] == 30 for r in reports)
    assert after == list(range(30))


def test_start_arm_calls_a_display_that_wants_names() -> None:
    seen: list[str] = []

    class Display:
        def __call__(self, step: int, total: int, metrics: dict[str, float]) -> None: ...

        def start_arm(self, arm: str) -> None:
            seen.append(arm)

    harness.start_arm(Display(), "baseline")
    harness.start_arm(lambda s, t, m: None, "ignored")  # a plain callable: nothing happens
    harness.start_arm(None, "ignored")
    assert seen == ["baseline"]


def test_run_result_round_trips_through_json() -> None:
    result = RunResult(
        arxiv_id="1506.03099",
        name="x",
        budget="ci",
        seed=1,
        device="cpu",
        torch_version=torch.__version__,
        wall_time_s=1.5,
        arms={"a": ArmResult("a", {"acc": 0.5}, {"loss": [1.0, 0.5]})},
        config={"steps": 2},
    )
    assert RunResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_checks() -> None:
    assert at_least("x", 0.5, 0.5).passed and not at_least("x", 0.49, 0.5).passed
    assert at_most("x", 0.5, 0.5).passed and not at_most("x", 0.51, 0.5).passed


def test_train_leaves_an_enclosing_cpu_autocast_in_force() -> None:
    w = torch.nn.Parameter(torch.ones(4, 4))
    dtypes: list[torch.dtype] = []

    def step_loss(step: int) -> torch.Tensor:
        y = torch.ones(2, 4) @ w  # a matmul: autocast runs it in bfloat16 when in force
        dtypes.append(y.dtype)
        return y.float().sum()

    with torch.autocast("cpu", dtype=torch.bfloat16):
        harness.train(step_loss, [w], torch.optim.SGD([w], lr=0.1), 2, device=torch.device("cpu"))
    assert dtypes == [torch.bfloat16, torch.bfloat16]


def test_configure_applies_overrides_and_refuses_unknowns() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Config:
        steps: int = 10
        lr: float = 0.1

    configs = {"ci": Config(steps=2), "quick": Config()}
    assert harness.configure(configs, "ci", {"lr": 0.5}) == Config(steps=2, lr=0.5)
    with pytest.raises(ValueError, match="unknown budget"):
        harness.configure(configs, "full", {})
    with pytest.raises(ValueError, match="unknown override"):
        harness.configure(configs, "ci", {"nope": 1})


def test_session_records_the_run_from_the_folders_declaration() -> None:
    from dataclasses import dataclass

    from reimpl.adam import PAPER

    @dataclass(frozen=True)
    class Config:
        steps: int = 3
        sizes: tuple[int, ...] = (1, 2)
        threads: int | None = 1

    announced: list[str] = []

    class Display:
        def __call__(self, step: int, total: int, metrics: dict[str, float]) -> None: ...

        def start_arm(self, arm: str) -> None:
            announced.append(arm)

    before = torch.get_num_threads()
    display = Display()
    with harness.Session("reimpl.adam.experiment", Config(), "ci", 4, torch.device("cpu"), display) as s:
        assert torch.get_num_threads() == 1
        for arm in ("a", "b"):
            assert s.start(arm) is display
            s.arms[arm] = ArmResult(arm, {"x": 1.0})
    assert torch.get_num_threads() == before
    result = s.result()
    assert (result.arxiv_id, result.name, result.budget, result.seed) == (PAPER.arxiv_id, "adam", "ci", 4)
    assert announced == ["a", "b"] and list(result.arms) == ["a", "b"]
    assert result.config == {"steps": 3, "sizes": [1, 2], "threads": 1} and result.wall_time_s >= 0
