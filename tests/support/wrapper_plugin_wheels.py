"""virtualenvwrapper plugins of each shape PyPI has, built into wheels and installed from them.

Each is written as such plugins are: modules in the ``virtualenvwrapper`` namespace package,
functions that take virtualenvwrapper's one argument (the list of the hook point's arguments),
entry points in its groups. They are built here into wheels (tests/wheels.py, offline) and
installed with pip from those wheels into a plugin directory that ``VEW_PLUGIN_PATH`` names
(see tests/plugin_site.py for why not into the test environment).

What they do is written to the file ``$VEW_TEST_LOG`` names, one line per call.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.support.wheels import build_wheel


@dataclass(frozen=True)
class Plugin:
    name: str
    modules: Mapping[str, str]
    entry_points: Mapping[str, Mapping[str, str]]


# The module every plugin below logs its calls with, in a distribution of its own.
LOGGER = Plugin("vwr_test_log", {"vwr_test_log.py": '''
import os


def log(*words):
    with open(os.environ["VEW_TEST_LOG"], "a") as out:
        out.write(" ".join(words) + "\\n")
'''}, {})

# A project template (the shape of virtualenvwrapper.bitbucket, .github ...), and one that
# only returns shell code, which virtualenvwrapper sources in the new project directory.
TEMPLATE = Plugin(
    "vwr_test_template",
    {
        "virtualenvwrapper/test_template.py": '''
"""Project templates for the tests."""
import os

from vwr_test_log import log


def readme(args):
    """Write a README.md that names the project.

    A second paragraph, which virtualenvwrapper lists as well."""
    project, project_dir = args
    with open(os.path.join(project_dir, "README.md"), "w") as out:
        out.write("# %s\\n" % project)
    log("template readme", *args, "cwd=" + os.getcwd())


def marker_source(args):
    """Leave a file named after the project where the shell stands."""
    return 'echo "$VIRTUAL_ENV" > "marker-%s"\\n' % args[0]
''',
    },
    {
        "virtualenvwrapper.project.template": {
            "readme": "virtualenvwrapper.test_template:readme"},
        "virtualenvwrapper.project.template_source": {
            "marker": "virtualenvwrapper.test_template:marker_source"},
    },
)

# Hooks around mkproject (the shape of virtualenvwrapper.project's own, and of plugins that
# open an editor or write a config file once the project exists).
PROJECT_HOOKS = Plugin(
    "vwr_test_project_hooks",
    {
        "vwr_test_project_hooks.py": '''
import os

from vwr_test_log import log


def _where():
    return "cwd=" + os.getcwd(), "env=" + os.path.basename(os.environ.get("VIRTUAL_ENV", ""))


def pre_mkproject(args):
    log("plugin pre_mkproject", *args, *_where())


def post_mkproject(args):
    log("plugin post_mkproject", *args, *_where())


def post_mkproject_source(args):
    return 'echo "plugin post_mkproject_source $PWD" >> "$VEW_TEST_LOG"'
''',
    },
    {
        "virtualenvwrapper.project.pre_mkproject": {
            "testhooks": "vwr_test_project_hooks:pre_mkproject"},
        "virtualenvwrapper.project.post_mkproject": {
            "testhooks": "vwr_test_project_hooks:post_mkproject"},
        "virtualenvwrapper.project.post_mkproject_source": {
            "testhooks": "vwr_test_project_hooks:post_mkproject_source"},
    },
)

# Per-environment variables (the shape of plugins that load an environment's settings on
# activation): pre_activate reads NAME/.vars, relative to $WORKON_HOME where the hook loader
# runs, and keeps what it read; pre_activate_source, called next in the same process, exports
# it; post_deactivate_source unsets it again. A pre_activate_source that finds nothing kept
# says so: its pair ran in another process.
ENV_VARS = Plugin(
    "vwr_test_env_vars",
    {
        "virtualenvwrapper/test_env_vars.py": '''
"""Export an environment's variables on activation, unset them on deactivation."""
import os
import shlex

from vwr_test_log import log

_kept = {}


def _read(name):
    values = {}
    path = os.path.join(name, ".vars")
    if os.path.exists(path):
        with open(path) as lines:
            for line in lines:
                key, _, value = line.strip().partition("=")
                if key:
                    values[key] = value
    return values


def pre_activate(args):
    _kept.clear()
    _kept[args[0]] = _read(args[0])
    log("plugin pre_activate", *args, "cwd=" + os.getcwd())


def pre_activate_source(args):
    if args[0] not in _kept:
        return 'echo "pre_activate_source: nothing kept for %s" >&2' % args[0]
    return "\\n".join("export %s=%s" % (key, shlex.quote(value))
                     for key, value in sorted(_kept[args[0]].items()))


def post_deactivate_source(args):
    log("plugin post_deactivate_source", *args)
    names = sorted(_read(args[0]))
    return "unset " + " ".join(names) if names else ""
''',
    },
    {
        "virtualenvwrapper.pre_activate": {
            "env_vars": "virtualenvwrapper.test_env_vars:pre_activate"},
        "virtualenvwrapper.pre_activate_source": {
            "env_vars": "virtualenvwrapper.test_env_vars:pre_activate_source"},
        "virtualenvwrapper.post_deactivate_source": {
            "env_vars": "virtualenvwrapper.test_env_vars:post_deactivate_source"},
    },
)

# The points the core fires around making, copying, showing and removing an environment: each
# logs its arguments, where it runs and the active environment; get_env_details also prints.
LIFECYCLE = Plugin(
    "vwr_test_lifecycle",
    {"vwr_test_lifecycle.py": '''
import os

from vwr_test_log import log


def hook(point):
    def logged(args):
        env = os.path.basename(os.environ.get("VIRTUAL_ENV", ""))
        log("plugin", point, *args, "cwd=" + os.getcwd(), "env=" + env)
        if point == "get_env_details":
            print("details of", args[0])
    return logged


POINTS = ("pre_mkvirtualenv", "post_mkvirtualenv", "pre_cpvirtualenv", "post_cpvirtualenv",
          "pre_rmvirtualenv", "post_rmvirtualenv", "get_env_details")
for _point in POINTS:
    globals()[_point] = hook(_point)


def pre_mkvirtualenv_source(args):
    # virtualenvwrapper runs this in a subshell: the variable never reaches the user's shell.
    return ('export VWR_TEST_PRE_MK=1\\n'
            'echo "pre_mkvirtualenv_source $VWR_TEST_PRE_MK" >> "$VEW_TEST_LOG"')


def post_mkvirtualenv_source(args):
    return 'export VWR_TEST_POST_MK=$(basename "$VIRTUAL_ENV")'
'''},
    {
        **{f"virtualenvwrapper.{point}": {"lifecycle": f"vwr_test_lifecycle:{point}"}
           for point in ("pre_mkvirtualenv", "post_mkvirtualenv", "pre_cpvirtualenv",
                         "post_cpvirtualenv", "pre_rmvirtualenv", "post_rmvirtualenv",
                         "get_env_details")},
        "virtualenvwrapper.pre_mkvirtualenv_source": {
            "lifecycle": "vwr_test_lifecycle:pre_mkvirtualenv_source"},
        "virtualenvwrapper.post_mkvirtualenv_source": {
            "lifecycle": "vwr_test_lifecycle:post_mkvirtualenv_source"},
    },
)

# Loading vew: initialize and initialize_source; a broken post_activate hook; and shell code
# that calls exit (which ends it, as it ends a sourced hook, not the user's shell).
LOADING = Plugin(
    "vwr_test_loading",
    {
        "virtualenvwrapper/test_loading.py": '''
import logging

from vwr_test_log import log

LOG = logging.getLogger(__name__)


def initialize(args):
    LOG.info("initializing")
    LOG.debug("not shown")
    log("plugin initialize", *args)


def initialize_source(args):
    return "export VWR_TEST_INITIALIZED=yes"


def post_activate(args):
    raise RuntimeError("no luck")


def pre_deactivate_source(args):
    return "export VWR_TEST_BEFORE_EXIT=1\\nexit 3\\nexport VWR_TEST_AFTER_EXIT=1"
''',
    },
    {
        "virtualenvwrapper.initialize": {"loading": "virtualenvwrapper.test_loading:initialize"},
        "virtualenvwrapper.initialize_source": {
            "loading": "virtualenvwrapper.test_loading:initialize_source"},
        "virtualenvwrapper.post_activate": {
            "broken": "virtualenvwrapper.test_loading:post_activate"},
        "virtualenvwrapper.pre_deactivate_source": {
            "exits": "virtualenvwrapper.test_loading:pre_deactivate_source"},
    },
)


# A stand-in for virtualenvwrapper's own distribution: the same name, and entry points in its
# groups as its own (user_scripts, project), which run its hook files. vew runs hook files
# itself: these must never be called.
VIRTUALENVWRAPPER = Plugin(
    "virtualenvwrapper",
    {"virtualenvwrapper/user_scripts.py": '''
from vwr_test_log import log


def pre_activate(args):
    log("virtualenvwrapper's own pre_activate", *args)


def post_activate_source(args):
    return 'echo "virtualenvwrapper\\'s own post_activate_source" >> "$VEW_TEST_LOG"'
'''},
    {
        "virtualenvwrapper.pre_activate": {
            "user_scripts": "virtualenvwrapper.user_scripts:pre_activate"},
        "virtualenvwrapper.post_activate_source": {
            "user_scripts": "virtualenvwrapper.user_scripts:post_activate_source"},
    },
)


def build(plugin: Plugin, directory: Path) -> Path:
    """The plugin's wheel, written into ``directory``."""
    return build_wheel(directory, plugin.name, modules=plugin.modules,
                       entry_points=plugin.entry_points)


def install(wheels: Iterable[Path], site: Path) -> Path:
    """Install ``wheels`` (local files only) into the plugin directory ``site``."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--disable-pip-version-check", "--target", str(site),
                    *map(str, wheels)], check=True, capture_output=True)
    return site


def install_plugins(plugins: Iterable[Plugin], directory: Path) -> Path:
    """Build ``plugins`` (and the logger they share) into wheels in ``directory/dist``, and
    install those into the plugin directory ``directory/site``, which is returned."""
    wheels = [build(plugin, directory / "dist") for plugin in (LOGGER, *plugins)]
    return install(wheels, directory / "site")
