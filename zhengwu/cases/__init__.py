"""What every case type shares (DESIGN.md, "Cases"). A case app uses these; it never imports another case app
for them. So far: the refusal errors (errors.py)."""
