"""Lines that are no article text: page furniture and ingest metadata.
"""

from __future__ import annotations

import re

#: Lines that are page furniture, not article text.
JUNK_LINE_RE = re.compile(
    r"^\s*(?:related|read more|see also|also read|recommended|advertisement|sponsored|"
    r"share this|sign up|subscribe|follow us|click here|more from|you may also like|"
    r"photo|image|video|caption|copyright|©|all rights reserved|tags?)\b[^\n]*$",
    re.IGNORECASE,
)


#: Metadata lines written by ingest formats ("Published: 2025-11-25").
META_LINE_RE = re.compile(r"^\s*(?:published|date|updated|source|url)\s*:\s*\S[^\n]*$", re.I)
