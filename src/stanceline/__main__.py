from stanceline.cli import app

app()
