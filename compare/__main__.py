"""`python -m compare` — the same CLI, for machines where ImageMagick owns `compare`."""
from compare.cli import program

if __name__ == "__main__":
    program(prog_name="python -m compare")
