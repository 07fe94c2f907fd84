"""Icons as Streamlit Markdown (Material Symbols ship with Streamlit: offline, and they render
the same on every machine, unlike colour emoji fonts)."""

DONE = ":green[:material/check_circle:]"
PARTIAL = ":orange[:material/timelapse:]"
OPEN = ":gray[:material/radio_button_unchecked:]"
WARNING = ":orange[:material/warning:]"
CONFLICT = ":red[:material/error:]"
MIXED = ":gray[:material/contrast:]"
SECOND_ORDER = ":violet[:material/route:]"
SYNERGY = ":green[:material/handshake:]"
UNADDRESSED = ":red[:material/pending:]"
MEASURE = ":green[:material/check_circle:]"
POSITION = ":blue[:material/push_pin:]"
ISSUE_OPEN = ":red[:material/radio_button_unchecked:]"
SAVED = ":material/cloud_done:"
BEST = ":material/star:"
# On a goal tile (coloured background), so without a colour of its own.
NEGATIVE = ":material/trending_down:"
