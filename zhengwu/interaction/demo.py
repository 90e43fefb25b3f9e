"""Demo data of 互动交流: mailboxes with letters in every state, and online interviews."""

from zhengwu.interaction.interviews.demo import load_interview_demo
from zhengwu.interaction.letters.demo import load_letter_demo


def load_interaction_demo(stdout):
    """Returns the number of letters made (0 when the demo was already there), so the caller knows to sweep."""
    letters = load_letter_demo(stdout)
    load_interview_demo(stdout)
    return letters
