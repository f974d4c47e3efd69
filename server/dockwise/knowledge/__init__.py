"""Offline knowledge shipped with dockwise: official image tags and end-of-life dates.

``images`` answers questions about Docker Official Images tags (exists, aliases, pin,
smaller variants); ``eol`` says whether the runtime or distribution a tag names is past its
end of life. Both read JSON tables in ``dockwise/data`` that ``scripts/gen_image_index.py``
and ``scripts/gen_eol.py`` regenerate; nothing here touches the network.
"""
