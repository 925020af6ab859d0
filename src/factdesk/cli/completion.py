"""``factdesk completion bash|zsh``: a shell completion script, made from the parser itself.

No extra package (argcomplete would import factdesk on every Tab press, loading its imports):
the script lists the subcommands, each one's options and the choices of its first argument,
and falls back to file names. Install with
``factdesk completion bash > ~/.local/share/bash-completion/completions/factdesk`` or
``eval "$(factdesk completion zsh)"`` in ``~/.zshrc``.
"""

from __future__ import annotations

import argparse
import shlex
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "completion",
        help="print a shell completion script (bash or zsh)",
        description="Print a completion script: `factdesk completion bash > "
        "~/.local/share/bash-completion/completions/factdesk`, or add "
        '`eval "$(factdesk completion zsh)"` to ~/.zshrc.',
    )
    p.add_argument("shell", choices=("bash", "zsh"))
    p.set_defaults(handler=cmd_completion)


def _words(parser: argparse.ArgumentParser) -> tuple[list[str], list[str]]:
    """The options of ``parser``, and the choices of its first positional argument."""
    options = [s for a in parser._actions for s in a.option_strings]
    positional = [a for a in parser._actions if not a.option_strings]
    choices = [str(c) for c in (positional[0].choices or [])] if positional else []
    return options, choices


def bash_script(parser: argparse.ArgumentParser) -> str:
    """The bash completion function for ``parser`` (the main ``factdesk`` parser)."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    commands: dict[str, argparse.ArgumentParser] = dict(sub.choices)
    top, _ = _words(parser)
    cases = []
    for name, command in commands.items():
        options, choices = _words(command)
        cases.append(
            f"    {name}) opts={shlex.quote(' '.join(options))}; "
            f"args={shlex.quote(' '.join(choices))} ;;"
        )
    return "\n".join(
        [
            "# factdesk completion for bash (factdesk completion bash)",
            "_factdesk() {",
            '    local cur="${COMP_WORDS[COMP_CWORD]}" cmd="" opts="" args="" i',
            "    for ((i = 1; i < COMP_CWORD; i++)); do",
            '        case "${COMP_WORDS[i]}" in -*) ;; *) cmd="${COMP_WORDS[i]}"; break ;; esac',
            "    done",
            '    if [[ -z "$cmd" ]]; then',
            f'        COMPREPLY=($(compgen -W {shlex.quote(" ".join([*top, *commands]))} -- "$cur"))',
            "        return",
            "    fi",
            '    case "$cmd" in',
            *cases,
            "    esac",
            '    if [[ "$cur" == -* ]]; then',
            '        COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
            "    else",
            '        COMPREPLY=($(compgen -W "$args" -- "$cur"))',
            "    fi",
            "}",
            "complete -o default -F _factdesk factdesk",
            "",
        ]
    )


def zsh_script(parser: argparse.ArgumentParser) -> str:
    """The same completion for zsh, through its bash compatibility layer."""
    return (
        "#compdef factdesk\n"
        "# factdesk completion for zsh (factdesk completion zsh)\n"
        "autoload -U +X compinit && compinit\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash_script(parser)
    )


def cmd_completion(args: argparse.Namespace) -> int:
    from factdesk.cli import build_parser

    parser = build_parser()
    sys.stdout.write(bash_script(parser) if args.shell == "bash" else zsh_script(parser))
    return 0
