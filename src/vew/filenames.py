"""The names of the files vew writes and reads in ``$WORKON_HOME`` and in an environment.

The core and every shim use these: ``vew init`` renders each into the shim as a quoted value
(``__VEW_FILE_<NAME>__``), so no shim spells one of them by hand.
"""

from __future__ import annotations

# Present while an environment is being built; listings and workon ignore such a directory.
# The builder holds an exclusive lock on it, which tells a live build from a crashed one.
INCOMPLETE = ".vew-incomplete"
# WORKON_HOME/.NAME + this: NAME as it was before a repair that is still running (vew.backups).
REPAIR_BACKUP = ".vew-repair"
# In an environment made by mktmpenv: deactivating it deletes it.
TMPENV = "README.tmpenv"
# WORKON_HOME/.vew-projects: "project<TAB>env" lines, the index auto-activation reads.
PROJECTS_INDEX = ".vew-projects"
# PROJECT/.virtualenvwrapper: a project's own activation hooks.
PROJECT_HOOKS = ".virtualenvwrapper"
# The default of VIRTUALENVWRAPPER_PROJECT_FILENAME: ENV/.project names the project directory.
PROJECT_FILE = ".project"

# The shim's placeholder for each: __VEW_FILE_INCOMPLETE__ and so on.
SHIM_NAMES = {
    "INCOMPLETE": INCOMPLETE,
    "REPAIR_BACKUP": REPAIR_BACKUP,
    "TMPENV": TMPENV,
    "PROJECTS_INDEX": PROJECTS_INDEX,
    "PROJECT_HOOKS": PROJECT_HOOKS,
}
