"""What the shims say to the user, written once for every shell.

Each message is a template whose ``{fields}`` name either a local variable of the shell
function that prints it (``{env}`` is ``_vew_env``, as :class:`vew.steps.Var` names them; the
dialect maps a few to the environment variable instead: ``{workon_home}``, ``{hook_dir}``) or,
for ``{activate_note}``, :attr:`vew.shells.dialect.Dialect.activate_note`. ``vew init`` renders
each as one string expression of that shell (``__VEW_MESSAGE_<KEY>__``), its literal parts
quoted by the dialect's one quoting function.
"""

from __future__ import annotations

MESSAGES = {
    # workon's checks (vew.steps.WORKON_CHECKS), in their order.
    "env_missing": "Environment '{name}' does not exist. Create it with 'mkvirtualenv {name}'.",
    "env_dangling": "Environment '{env}' is a link to a directory that no longer exists.",
    "env_not_directory": "'{env}' is not an environment: it is not a directory.",
    "env_incomplete": "Environment '{name}' is still being created, or its creation failed.",
    "env_no_activate": "Environment '{env}' does not contain an activate script{activate_note}.",
    "interpreter_dangling": ("Environment '{env}' is broken: its interpreter {python} is a link"
                             " to one that no longer exists. Rebuild it with"
                             " 'vew repair {name}'."),
    "interpreter_missing": ("Environment '{env}' is broken: it has no interpreter {python}."
                            " Rebuild it with 'vew repair {name}'."),
    "pyvenv_cfg_not_regular": ("Environment '{env}' is broken: its pyvenv.cfg is not a regular"
                               " file."),
    "no_pyvenv_cfg": ("Environment '{env}' has no pyvenv.cfg: its python may not use the"
                      " environment's packages."),
    # workon's own command line.
    "workon_unknown_option": "workon: unknown option '{arg}'",
    # Hooks the shell sources or runs itself (the _vew_source_hook and _vew_run_hook steps).
    "hook_failed": "hook {hook} exited with status {hook_status}",
    "hook_not_executable": "hook {hook} is not executable; not run",
    # A hook file the shell refuses (the rule of vew.trust): {action} is "sourced" or "run",
    # {hook_word} and {dir_word} the paths as words of a command line of that shell.
    "hook_not_yours": ("hook {hook} is not {action}: it belongs to another user (fix: check it,"
                       " then copy it to a file of yours in its place)"),
    "hook_writable": ("hook {hook} is not {action}: it is writable by other users"
                      " (fix: chmod o-w {hook_word})"),
    "hook_dir_not_yours": ("hook {hook} is not {action}: its directory belongs to another user"
                           " (fix: move the hook to a directory of yours)"),
    "hook_dir_writable": ("hook {hook} is not {action}: its directory {dir} is writable by other"
                          " users (fix: chmod o-w {dir_word})"),
    # The finish_activate step, when workon was to change to the project directory.
    "project_missing": "Project directory {project} does not exist",
    # The finish_deactivate step, leaving an environment mktmpenv made (on stdout).
    "removing_tmpenv": "Removing temporary environment: {name}",
    # Loading vew, and the hot path finding no WORKON_HOME (as virtualenvwrapper says it).
    "no_workon_home": "NOTE: Virtual environments directory {workon_home} does not exist."
                      " Creating...",
    "cannot_create_workon_home": "cannot create WORKON_HOME {workon_home}",
    "cannot_create_hook_dir": "cannot create VIRTUALENVWRAPPER_HOOK_DIR {hook_dir}",
    # Auto-activation: a .venv file whose text has control characters (shown as ?, cut short).
    "dot_venv_names_no_env": "{shown_dir}/.venv names no environment: '{shown_target}'",
}
