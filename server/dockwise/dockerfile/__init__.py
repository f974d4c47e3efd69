"""The Dockerfile model: BuildKit-exact segmentation, positions, stages, variables and shell."""

from .model import Dockerfile, Instruction, Flag, Word, KeyValue, Heredoc, Comment, ParseError
from .parser import parse

__all__ = ["Dockerfile", "Instruction", "Flag", "Word", "KeyValue", "Heredoc", "Comment",
           "ParseError", "parse"]
