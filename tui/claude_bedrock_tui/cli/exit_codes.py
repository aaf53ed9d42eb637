"""The command line's exit codes, one definition for every command (the README's Command line section)."""

EXIT_OK = 0  # success
EXIT_INVALID = 1  # validation failed (online or offline): nothing was written
EXIT_BAD_INPUT = 2  # bad input, or a configuration or profiles file that cannot be read
EXIT_INTERRUPTED = 130  # ctrl+c: 128 + SIGINT, as shells report a command the signal stopped
