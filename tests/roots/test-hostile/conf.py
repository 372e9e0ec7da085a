project = "Hostile input"
extensions = ["myst_parser", "practice_model"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_data"]
pm_themes_file = "_data/themes.toml"
