"""The classes of wording the role sorter takes as unambiguous (:mod:`paperkit.notes.roles` applies them
over the trained model): findings, the paper's own move, the problem it names, questions and plans, the
field's standing, statements of aim, and sentences that lean on the one before. Each class is tested on
invented abstracts in ``tests/test_roles.py``.
"""

from __future__ import annotations

import re

from paperkit.notes.features import Wording, states_a_gap

# Cues a reader takes as unambiguous in an abstract: they override the model (each a class of wording,
# tested on invented abstracts in tests/test_roles.py).
RESULT = Wording(
    r"\b(we|our (results|experiments)) (also |further )?(show|find|demonstrate|observe|obtain)\b(?! how)"
    r"|\b(results|experiments) (show|demonstrate|indicate|confirm)|\boutperform|\bachiev(es|ed|ing)\b"
    r"|\bsurpass|\bexperiments (on|with)\b|\bempirical(ly)?\b"
    # What the method lets one do or how it compares is a finding, not the idea itself.
    r"|\bperform(s|ed)? (\w+ )?(better|worse|comparabl)|\b(allows|enables) us to\b"
    # A finding reported in the passive or in a second clause ("X was found to ...", "... and find that").
    r"|\b(is|are|was|were) (found|shown|observed) (to|that)\b|\band (find|show|demonstrate|observe)s? that\b"
    # A verdict on a hypothesis ("We rule out ...", "we then conclude that ..."), and a claim of how well
    # something works ("performs on par with ...", "works surprisingly well") are findings.
    r"|\bwe (\w+ly |then |thus |therefore )?(rule out|reject|confirm|detect|exclude|conclude that)\b"
    r"|\bon par with\b|\bworks? (surprisingly |remarkably |very |equally )?well\b"
    r"|\b(matches|rivals|exceeds) (or (exceeds|beats|surpasses) )?the\b",
)
# The paper's own move; and after it (earlier sentences cannot be the idea), "X does A rather than B",
# which says how the idea works.
IDEA = Wording(
    r"\b(we|this (paper|work)) (propose|introduce|present)s?\b|\b(rather than|instead of)\b"
    r"|^(unlike|in contrast to|as opposed to) "  # how it differs from what came before
)
# The paper naming the problem it takes on ("We consider the problem of ...", "The focus of this paper
# is on ...") states the problem.
PROBLEM = Wording(
    r"\bwe (consider|study|address|tackle|investigate|focus on|revisit) the (\w+ )?"
    r"(problem|task|question|challenge)s? of\b"
    r"|\b(the )?focus of (this|our|the present) (paper|work|study) is\b"
    r"|\bthis (paper|work|study) (focuses|is concerned) (on|with)\b",
)
# A question or a plan is not what the paper does: "In this paper, we investigate why ...", "Can X ...?",
# "To test this, we constructed ...". Either may still state the problem.
QUESTION = Wording(
    r"\?\s*[\"”’)]?$|\bwe (?:\w+ )?(?:investigate|ask|explore|examine|study|analy[sz]e|seek to understand|"
    r"wonder) (?:why|whether|how|what|if|when)\b",
)
PLAN_OPEN = Wording(
    r"^(?:in order )?to (?:test|evaluate|validate|verify|assess|check|examine|probe|measure|quantify|"
    r"compare|demonstrate|illustrate|show)\b[^.;]{0,150}?,\s*(?:we|a|an|the)\b",
)
# The field's standing, not a gap: "X is a classic problem in ...", "Y is the de-facto choice for ...",
# "Z has been studied for decades". Such a sentence states a problem only with a word of a gap besides.
STANDING = Wording(
    r"\b(?:classic(?:al)?|long[- ]standing|well[- ](?:known|studied|established)|de[- ]facto|"
    r"ubiquitous|cornerstone|workhorse)\b|\bfor (?:decades|many years|a long time)\b"
    # (its importance, "X is a fundamental problem", may well be the gap the paper takes on)
    r"|\b(?:is|are|has been|have been) (?:a|an|the) (?:\w+ )?(?:popular|standard|common|usual|default|"
    r"active) (?:\w+ )?(?:problem|task|choice|tool|topic|question|area|method)",
)
GAP_WORD = Wording(
    r"\b(?:however|but|yet|although|though|despite|unfortunately|limitation|limited|fails?|failure|cannot|"
    r"unable|suffers?|lacks?|lacking|remains? (?:unclear|unknown|open|difficult|challenging|elusive)|"
    r"drawback|bottleneck|costly|expensive|prohibitive|intractable|not (?:yet|well|clear))\b",
)
# The aim of a paper written without "we propose": a review's, a package's, a measurement's statement
# ("The aim of this review is to ...", "X is an open-source package for ...", "This note presents ...").
AIM = Wording(
    r"\b(?:the )?(?:aim|goal|purpose|objective)s? of (?:this|the present|our) (?:\w+ )?(?:paper|work|study|"
    r"review|survey|note|article|letter|report|thesis)\b"
    r"|\b(?:this|the present|our) (?:paper|work|study|review|survey|note|article|letter|report|tutorial|"
    r"guide)['’]s (?:\w+ )?(?:aim|goal|purpose|objective)s?\b|^our (?:\w+ )?(?:aim|goal|purpose|objective) "
    r"(?:here |in this \w+ )?is to\b"
    r"|\b(?:this|the present|our) (?:paper|work|study|review|survey|note|article|letter|report|tutorial|"
    r"guide) (?:\w+ly )?(?:presents?|describes?|provides?|reports?|reviews?|summari[sz]es?|proves?|"
    r"establishes?|derives?|gives?|offers?|studies|examines?|investigates?|introduces?|proposes?|"
    r"develops?|aims?|seeks?|addresses?|explores?)\b"
    r"|^[\w\-.+ ]{1,40}? (?:is|are) (?:a|an) (?:\w+[- ]?){0,3}?(?:package|library|toolkit|software|"
    r"framework|code|tool|system|platform|pipeline|protocol|project)\b",
)
# A sentence that leans on the one before it: "This/These/Such <noun> ...", "It ...", "They ...".
# "This paper", "this tutorial's aim": the document itself, which needs no antecedent.
DOCUMENT = (
    r"(?:paper|work|article|study|note|letter|review|report|thesis|manuscript|survey|chapter|tutorial|guide|"
    r"book|dissertation|proposal|lecture|contribution|document|essay|memo|white paper)s?\b"
)
LEANS_ON_BEFORE = re.compile(
    rf"^(?:this|these|those|such|it|they|both|the latter|the former)\b(?! {DOCUMENT})", re.IGNORECASE
)


def not_idea(text: str) -> bool:
    """A question the paper asks or a plan it follows: neither is what it does."""
    return bool(QUESTION.search(text) or PLAN_OPEN.search(text))


def a_gap(text: str) -> bool:
    """Whether ``text`` states a gap: a word for one, and, when it tells the field's standing ("a classic
    problem", "the de-facto choice"), a word of a gap besides."""
    if PROBLEM.search(text):
        return True
    if not states_a_gap(text):
        return False
    return not STANDING.search(text) or bool(GAP_WORD.search(text))


# How a paper written without "we" says what it does: something done by some means, in the passive
# ("X is greatly reduced by randomly omitting Y", "Z can be avoided by training on ...").
MEANS = Wording(
    r"\b(?:is|are|can be|may be|was|were) (?:\w+ly )?(?:\w+ed|\w+en) (?:\w+ )?by (?:\w+ly )?\w+ing\b"
)
