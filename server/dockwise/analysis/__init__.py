"""Cross-stage analysis: a per-stage picture of what each stage puts where.

`pictures(df)` gives one `StagePicture` per stage (cached on the model); `images.facts()`
says what a base image is known to contain. Rules DW120 and DW450–DW455 read them.
"""

from .images import ImageFacts, Interpreter, facts
from .picture import CopyFrom, PipInstall, StagePicture, covers, picture_of, pictures, resolve

__all__ = ["CopyFrom", "ImageFacts", "Interpreter", "PipInstall", "StagePicture", "covers", "facts",
           "picture_of", "pictures", "resolve"]
