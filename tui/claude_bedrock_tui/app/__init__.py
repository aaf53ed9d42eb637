"""The Textual face of the tool: `run.run_app()` opens it; `app.BedrockApp` is the App class."""
