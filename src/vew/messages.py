"""What the shims say to the user, written once for every shell.

Each message is a template whose ``{fields}`` name either a local variable of the shell
function that prints it (``{env}`` is ``_vew_env``, as :class:`vew.steps.Var` names them) or,
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
    "no_pyvenv_cfg": ("Environment '{env}' has no pyvenv.cfg: its python may not use the"
                      " environment's packages."),
    # workon's own command line.
    "workon_unknown_option": "workon: unknown option '{arg}'",
}
