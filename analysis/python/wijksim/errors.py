"""The one error a wijksim reader raises for a file it cannot use."""


class WijksimFileError(Exception):
    """A results file that cannot be read as asked: missing, not HDF5, not written by
    wijksim, of another format version, written part-way (``@complete`` is not 1), or
    without the run, table, variable or group asked for.

    ``path`` is the file, ``problem`` what is wrong with it; ``str(error)`` says both.
    """

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
