"""Shell completion scripts (bash, zsh, fish), generated from the command line's own parser,
so that a new option completes without anyone editing a script."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

VALUE_ACTIONS = (argparse._StoreAction, argparse._AppendAction)  # options that take a value


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    help: str
    takes: str | None  # None (a switch), "dir", "file", "word" (free text) or "choice"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: tuple[Option, ...]
    positional_choices: tuple[str, ...]  # e.g. the shells of `completion`; else files


def _short_help(text: str | None) -> str:
    first = re.split(r"[;(:]", (text or "").replace("\n", " "), maxsplit=1)[0]
    return re.sub(r"[\[\]'\"`$\\]", "", " ".join(first.split()))[:70]


def _kind(action: argparse.Action) -> str | None:
    if not isinstance(action, VALUE_ACTIONS) or action.nargs == 0:
        return None
    if action.choices:
        return "choice"
    metavar = str(action.metavar or "")
    if metavar == "DIR":
        return "dir"
    if "FILE" in metavar or metavar.endswith(".json"):
        return "file"
    return "word"


def commands(parser: argparse.ArgumentParser) -> list[Command]:
    found = []
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        summaries = {choice.dest: choice.help for choice in action._choices_actions}
        for name, sub in action.choices.items():
            options = []
            positional: tuple[str, ...] = ()
            for item in sub._actions:
                if item.option_strings:
                    options.append(
                        Option(
                            tuple(item.option_strings),
                            _short_help(item.help),
                            _kind(item),
                            tuple(str(c) for c in item.choices or ()),
                        )
                    )
                elif item.choices:
                    positional = tuple(str(c) for c in item.choices)
            summary = _short_help(summaries.get(name))
            found.append(Command(name, summary, tuple(options), positional))
    return found


def bash(parser: argparse.ArgumentParser) -> str:
    listed = commands(parser)
    names = " ".join(c.name for c in listed)
    value_cases = []
    option_cases = []
    for command in listed:
        for option in command.options:
            if option.takes is None:
                continue
            pattern = "|".join(f"{command.name}:{flag}" for flag in option.flags)
            if option.takes == "choice":
                reply = f'COMPREPLY=($(compgen -W "{" ".join(option.choices)}" -- "$cur"))'
            elif option.takes == "dir":
                reply = 'COMPREPLY=($(compgen -d -- "$cur"))'
            elif option.takes == "file":
                reply = 'COMPREPLY=($(compgen -f -- "$cur"))'
            else:
                reply = "COMPREPLY=()"
            value_cases.append(f"        {pattern}) {reply}; return ;;")
        flags = " ".join(flag for option in command.options for flag in option.flags)
        option_cases.append(f'        {command.name}) options="{flags}" ;;')
    positional = [
        f'        {c.name}) COMPREPLY=($(compgen -W "{" ".join(c.positional_choices)}" -- "$cur"))'
        "; return ;;"
        for c in listed
        if c.positional_choices
    ]
    return "\n".join(
        [
            "# bash completion for crossdoc (crossdoc completion bash)",
            "_crossdoc() {",
            '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
            '    local command="" options="" i',
            "    for ((i = 1; i < COMP_CWORD; i++)); do",
            '        case "${COMP_WORDS[i]}" in',
            "            -*) ;;",
            '            *) command="${COMP_WORDS[i]}"; break ;;',
            "        esac",
            "    done",
            '    if [[ -z "$command" ]]; then',
            f'        COMPREPLY=($(compgen -W "{names} --help --version" -- "$cur"))',
            "        return",
            "    fi",
            '    case "$command:$prev" in',
            *value_cases,
            "    esac",
            '    case "$command" in',
            *option_cases,
            "    esac",
            '    if [[ "$cur" == -* ]]; then',
            '        COMPREPLY=($(compgen -W "$options" -- "$cur"))',
            "        return",
            "    fi",
            '    case "$command" in',
            *positional,
            "    esac",
            '    COMPREPLY=($(compgen -f -- "$cur"))',
            "}",
            "complete -o filenames -F _crossdoc crossdoc",
            "",
        ]
    )


def _zsh_spec(option: Option) -> str:
    flags = option.flags
    names = f"{{{','.join(flags)}}}" if len(flags) > 1 else flags[0]
    exclusive = f"({' '.join(flags)})" if len(flags) > 1 else ""
    repeat = "*" if option.takes and option.takes != "choice" else ""
    value = ""
    if option.takes == "choice":
        value = f":value:({' '.join(option.choices)})"
    elif option.takes == "dir":
        value = ":folder:_files -/"
    elif option.takes == "file":
        value = ":file:_files"
    elif option.takes == "word":
        value = ":value: "
    spec = f"{repeat}{exclusive}{names}[{option.help}]{value}"
    return "'" + spec.replace("'", "") + "'"


def zsh(parser: argparse.ArgumentParser) -> str:
    listed = commands(parser)
    described = " ".join(f"'{c.name}:{c.help}'" for c in listed)
    cases = []
    for command in listed:
        specs = [_zsh_spec(option) for option in command.options]
        if command.positional_choices:
            specs.append(f"'1:{command.name}:({' '.join(command.positional_choices)})'")
        else:
            specs.append("'*:path:_files'")
        cases.append(f"    {command.name}) _arguments -s {' '.join(specs)} ;;")
    return "\n".join(
        [
            "#compdef crossdoc",
            "# zsh completion for crossdoc (crossdoc completion zsh)",
            "_crossdoc() {",
            "  local -a commands",
            f"  commands=({described})",
            "  if (( CURRENT == 2 )); then",
            "    _describe 'command' commands",
            "    return",
            "  fi",
            "  local command=${words[2]}",
            "  shift words",
            "  (( CURRENT-- ))",
            "  case $command in",
            *cases,
            "  esac",
            "}",
            'if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then',
            '  _crossdoc "$@"',
            "else",
            "  compdef _crossdoc crossdoc",
            "fi",
            "",
        ]
    )


def fish(parser: argparse.ArgumentParser) -> str:
    listed = commands(parser)
    lines = [
        "# fish completion for crossdoc (crossdoc completion fish)",
        "complete -c crossdoc -f",
    ]
    for command in listed:
        lines.append(
            f"complete -c crossdoc -n __fish_use_subcommand -a {command.name} -d '{command.help}'"
        )
    for command in listed:
        condition = f"-n '__fish_seen_subcommand_from {command.name}'"
        for option in command.options:
            parts = []
            for flag in option.flags:
                parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
            if option.takes == "choice":
                parts.append(f"-xa '{' '.join(option.choices)}'")
            elif option.takes == "dir":
                parts.append("-xa '(__fish_complete_directories)'")
            elif option.takes == "file":
                parts.append("-rF")
            elif option.takes == "word":
                parts.append("-x")
            lines.append(f"complete -c crossdoc {condition} {' '.join(parts)} -d '{option.help}'")
        if command.positional_choices:
            lines.append(
                f"complete -c crossdoc {condition} -a '{' '.join(command.positional_choices)}'"
            )
        else:
            lines.append(f"complete -c crossdoc {condition} -F")
    return "\n".join(lines) + "\n"


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](parser)
