"""One module per page; each exposes ``render() -> None`` (see `assessment.ui.navigation`)."""
