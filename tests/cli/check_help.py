#!/usr/bin/python3
"""Every subcommand's --help that runs the model says that the thread count never changes the
results (issue 6: "Thread count never changes results, and --help says so").

usage: check_help.py WIJKSIM

The subcommands are read from the program's own --help (and those of commands with
subcommands), so a new one fails this check until it is listed below as running the model
or not.
"""
import re
import subprocess
import sys

RUNS_THE_MODEL = {"run", "compare", "validate", "sweep", "demo", "bench", "bench engine", "bench people", "bench output"}
RUNS_NOTHING = {"params", "inspect", "merge", "report", "analyse", "analyse sensitivity"}
SAYS_SO = re.compile(r"the thread count (\([^)]*\) )?never changes the (simulated )?(results|figures)", re.IGNORECASE)


def help_text(wijksim, command):
    done = subprocess.run([wijksim, *command.split(), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"wijksim {command} --help exited {done.returncode}: {done.stderr}"
    return done.stdout


def subcommands(text):
    """Names listed under 'Subcommands:' (each at two spaces' indent)."""
    if "\nSubcommands:\n" not in text:
        return []
    listed = text.split("\nSubcommands:\n", 1)[1]
    return [m.group(1) for m in re.finditer(r"^  (\S+)", listed, re.MULTILINE)]


def description(text):
    """What --help says before its usage line, with line breaks as spaces."""
    return " ".join(text.split("\nUsage:", 1)[0].split())


def main(argv):
    wijksim = argv[1]
    found = []
    for name in subcommands(help_text(wijksim, "")):
        found.append(name)
        found += [f"{name} {sub}" for sub in subcommands(help_text(wijksim, name))]
    unclassified = set(found) - RUNS_THE_MODEL - RUNS_NOTHING
    assert not unclassified, f"classify these subcommands in check_help.py: {sorted(unclassified)}"
    gone = (RUNS_THE_MODEL | RUNS_NOTHING) - set(found)
    assert not gone, f"listed here but not in wijksim --help: {sorted(gone)}"
    silent = [c for c in sorted(RUNS_THE_MODEL) if not SAYS_SO.search(description(help_text(wijksim, c)))]
    assert not silent, f"--help does not say that the thread count never changes the results: {silent}"
    print(f"{len(RUNS_THE_MODEL)} subcommands that run the model say so: {', '.join(sorted(RUNS_THE_MODEL))}")


if __name__ == "__main__":
    main(sys.argv)
