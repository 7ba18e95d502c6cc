from .cli import main
from .torchscript_file import reproducible_hashing

reproducible_hashing()  # before any model is built: the same checkpoint then exports the same bytes
main()
