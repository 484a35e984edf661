from junheng.cli import app

app()
