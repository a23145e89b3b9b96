"""The Streamlit view over the `Advisor` facade: shared state, access control, components and pages."""
