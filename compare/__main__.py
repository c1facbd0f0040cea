"""`python -m compare` — the same CLI, for machines where ImageMagick owns `compare`."""
from compare.cli import main

if __name__ == "__main__":
    main(prog_name="python -m compare")
