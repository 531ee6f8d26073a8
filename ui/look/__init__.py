"""How it looks: sizes, colours, the style sheet."""
