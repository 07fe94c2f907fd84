"""The Streamlit app: thin pages over the library. The only package that imports streamlit."""
