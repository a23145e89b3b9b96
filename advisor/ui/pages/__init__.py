"""Page scripts routed by `app.py` with `st.navigation` (one module per page)."""
