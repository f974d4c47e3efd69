"""Cross-stage analysis: a per-stage picture of what each stage puts where.

`pictures(df)` gives one `StagePicture` per stage (cached on the model); `images.facts()`
says what a base image is known to contain. Rules DW120 and DW450–DW455 read them.
`shipping(df)` says which stages ship and what `COPY --from` takes out of the others: the
size rules (DL3009, DL3060, DW100, DW110, DW111, DW120) only report what reaches the image.
"""

from .images import ImageFacts, Interpreter, facts
from .picture import CopyFrom, PipInstall, StagePicture, covers, picture_of, pictures, resolve
from .shipping import Shipping, shipped_stages, shipping

__all__ = ["CopyFrom", "ImageFacts", "Interpreter", "PipInstall", "StagePicture", "covers", "facts",
           "picture_of", "pictures", "resolve",
           "Shipping", "shipped_stages", "shipping"]
