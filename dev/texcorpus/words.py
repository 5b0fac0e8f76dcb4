"""The invented papers' words: sentence-like English about machine learning, from fixed lists."""

from __future__ import annotations

import random

# --------------------------------------------------------------------------------------------- words

NOUNS = [
    "model",
    "encoder",
    "decoder",
    "network",
    "classifier",
    "objective",
    "gradient",
    "estimator",
    "representation",
    "embedding",
    "policy",
    "dataset",
    "benchmark",
    "baseline",
    "layer",
    "kernel",
    "regulariser",
    "optimiser",
    "posterior",
    "prior",
    "loss",
    "architecture",
    "attention map",
    "feature extractor",
    "training signal",
    "latent code",
    "sample",
    "batch",
    "schedule",
    "workflow",
]
ADJECTIVES = [
    "efficient",
    "robust",
    "sparse",
    "shallow",
    "deep",
    "stochastic",
    "differentiable",
    "flexible",
    "simple",
    "scalable",
    "stable",
    "noisy",
    "fine-grained",
    "lightweight",
    "affine",
    "recurrent",
    "convolutional",
    "contrastive",
    "generative",
    "discriminative",
    "unsupervised",
    "self-supervised",
]
VERBS = [
    "improves",
    "reduces",
    "stabilises",
    "predicts",
    "captures",
    "approximates",
    "regularises",
    "accelerates",
    "outperforms",
    "generalises to",
    "transfers to",
    "simplifies",
    "identifies",
    "reconstructs",
    "compresses",
    "aligns",
    "separates",
    "summarises",
]
SUBJECTS = [
    "our method",
    "the proposed approach",
    "this framework",
    "a careful analysis",
    "the first stage",
    "the resulting estimator",
    "this simple modification",
    "the auxiliary objective",
    "our classifier",
    "the learned representation",
    "a small ensemble",
    "the final model",
]
OBJECTS = [
    "the variance of the gradient",
    "the cost of inference",
    "the gap between training and testing",
    "the structure of the data",
    "the difficulty of the task",
    "the number of parameters",
    "the effect of label noise",
    "the behaviour of the optimiser",
    "long-range dependencies",
    "the flow of information",
    "rare classes",
    "the shape of the loss surface",
]
TAILS = [
    "on every benchmark we consider",
    "without extra supervision",
    "at a fraction of the cost",
    "in the low-data regime",
    "when the budget is fixed",
    "across several random seeds",
    "under distribution shift",
    "with a single hyperparameter",
    "for both small and large models",
    "in our preliminary experiments",
    "as the width grows",
    "on held-out data",
]
OPENERS = [
    "In practice,",
    "Moreover,",
    "However,",
    "In contrast,",
    "Surprisingly,",
    "As a result,",
    "Furthermore,",
    "Empirically,",
    "In this work,",
    "Intuitively,",
    "Conversely,",
    "Notably,",
]
FIRST = [
    "Ada",
    "Bruno",
    "Chen",
    "Dana",
    "Emil",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jun",
    "Kira",
    "Lars",
    "Mina",
    "Nils",
    "Omar",
    "Petra",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Yuki",
]
LAST = [
    "Abel",
    "Borges",
    "Castro",
    "Dietz",
    "Eklund",
    "Fischer",
    "Garcia",
    "Huang",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quiroga",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
]
VENUES = [
    "Advances in Neural Information Processing Systems",
    "International Conference on Machine Learning",
    "Journal of Machine Learning Research",
    "Proceedings of the Conference on Computer Vision and Pattern Recognition",
    "Transactions on Pattern Analysis and Machine Intelligence",
    "International Conference on Learning Representations",
    "Physical Review B",
    "Annals of Statistics",
    "Neural Computation",
]


class Text:
    """Seeded random prose. ``plain`` sentences carry no markup (safe for truth words); others may."""

    def __init__(self, seed: int, n_refs: int, cite: str) -> None:
        self.rng = random.Random(seed)
        self.n_refs = n_refs
        self.cite = cite  # "numeric" | "natbib" | "super"
        self.footnotes = 0

    def plain(self) -> str:
        r = self.rng
        s = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}"
        if r.random() < 0.5:
            s = f"{r.choice(OPENERS)} {s}"
        if r.random() < 0.4:
            s += f" and {r.choice(['keeps', 'makes', 'leaves'])} the {r.choice(ADJECTIVES)} {r.choice(NOUNS)}"
            s += f" {r.choice(['easy to train', 'unchanged', 'well behaved', 'small'])}"
        return s[0].upper() + s[1:] + "."

    def citation(self) -> str:
        keys = ",".join(f"r{self.rng.randint(1, self.n_refs)}" for _ in range(self.rng.randint(1, 3)))
        if self.cite == "natbib" and self.rng.random() < 0.5:
            return f"\\citet{{{keys.split(',')[0]}}}"
        return f"\\citep{{{keys}}}" if self.cite == "natbib" else f"\\cite{{{keys}}}"

    def marked(self) -> str:
        """A sentence with markup: a citation, inline maths, a footnote or a reference to a figure."""
        r = self.rng
        base = self.plain()[:-1]
        kind = r.random()
        if kind < 0.45:
            if self.cite == "natbib" and "citet" in (c := self.citation()):
                return f"{c} showed that {base[0].lower() + base[1:]}."
            return f"{base}~{self.citation()}." if self.cite != "super" else f"{base}.{self.citation()}"
        if kind < 0.65:
            return f"{base} when $\\lambda_{{t}} = \\eta / \\sqrt{{t}}$ and $x \\in \\mathbb{{R}}^{{d}}$."
        if kind < 0.8:
            self.footnotes += 1
            note = f"{self.plain()[:-1]}, as noted by the reviewers."
            return f"{base}.\\footnote{{{note}}}"
        return f"{base}, as summarised in Table~\\ref{{tab}} and Figure~\\ref{{fig}}."

    def paragraph(self, n: int = 5, plain_ends: bool = True) -> str:
        middle = [self.marked() if self.rng.random() < 0.5 else self.plain() for _ in range(n - 2)]
        ends = [self.plain(), self.plain()] if plain_ends else [self.marked(), self.marked()]
        return " ".join([ends[0], *middle, ends[1]])

    def title(self) -> str:
        r = self.rng
        a, n = r.choice(ADJECTIVES), r.choice(NOUNS)
        return (
            f"{a.capitalize()} {n.title()}s for {r.choice(['Fast', 'Reliable', 'Scalable', 'Efficient'])} "
            f"{r.choice(['Learning', 'Inference', 'Classification', 'Sequence Modelling', 'Retrieval'])}"
        )

    def reference(self, style: str, n: int) -> tuple[str, str]:
        """(\\bibitem label option, entry text)."""
        r = self.rng
        authors = [f"{r.choice(FIRST)[0]}. {r.choice(LAST)}" for _ in range(r.randint(1, 4))]
        year = r.randint(1995, 2023)
        title = self.title()
        venue = r.choice(VENUES)
        extra = ""
        if r.random() < 0.3:
            extra = f", pages {r.randint(1, 900)}--{r.randint(901, 1800)}"
        if r.random() < 0.2:
            extra += f". arXiv:{r.randint(15, 23)}{r.randint(1, 12):02d}.{r.randint(1000, 9999)}"
        if style == "physics":
            return (
                "",
                f"{', '.join(authors)}, {venue} \\textbf{{{r.randint(10, 99)}}}, "
                f"{r.randint(1, 9999)} ({year}).",
            )
        text = f"{', '.join(authors[:-1]) + ' and ' if len(authors) > 1 else ''}{authors[-1]}. {title}. "
        text += f"In \\emph{{{venue}}}{extra}, {year}."
        if style == "natbib":
            lead = authors[0].split()[-1] + (" et~al." if len(authors) > 2 else "")
            return f"[{lead}({year})]", text
        if style == "alpha":
            return (
                f"[{authors[0].split()[-1][:3]}{year % 100:02d}{'abcdefgh'[n % 8] if n % 5 == 0 else ''}]",
                text,
            )
        return "", text
