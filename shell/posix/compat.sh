# vew: virtualenvwrapper's helper functions in bash and zsh (see helpers.sh).
#
# `vew init bash|zsh` renders this file into the shim before load.sh, so that an initialize
# hook may call the helpers already. Each is defined here as a stub that, at its first call,
# defines them all: it sources helpers.sh from vew's installation. Parsing their bodies at
# every shell start would cost the static set-up's loading about a quarter more.

virtualenvwrapper_cd() {
    _vew_compat && virtualenvwrapper_cd "$@"
}

virtualenvwrapper_expandpath() {
    _vew_compat && virtualenvwrapper_expandpath "$@"
}

virtualenvwrapper_derive_workon_home() {
    _vew_compat && virtualenvwrapper_derive_workon_home "$@"
}

virtualenvwrapper_verify_workon_home() {
    _vew_compat && virtualenvwrapper_verify_workon_home "$@"
}

virtualenvwrapper_verify_project_home() {
    _vew_compat && virtualenvwrapper_verify_project_home "$@"
}

virtualenvwrapper_verify_active_environment() {
    _vew_compat && virtualenvwrapper_verify_active_environment "$@"
}

virtualenvwrapper_show_workon_options() {
    _vew_compat && virtualenvwrapper_show_workon_options "$@"
}

virtualenvwrapper_get_site_packages_dir() {
    _vew_compat && virtualenvwrapper_get_site_packages_dir "$@"
}

virtualenvwrapper_get_python_version() {
    _vew_compat && virtualenvwrapper_get_python_version "$@"
}

virtualenvwrapper_initialize() {
    _vew_compat && virtualenvwrapper_initialize "$@"
}

virtualenvwrapper_run_hook() {
    _vew_compat && virtualenvwrapper_run_hook "$@"
}

_vew_compat() {
    __VEW_PROLOGUE__
    . __VEW_HELPERS__
}

_virtualenvwrapper_version() {
    builtin printf '%s\n' __VEW_VERSION__
}

# True when some plugin uses virtualenvwrapper's hook point POINT (`vew init` found which):
# only then does virtualenvwrapper_run_hook call the core.
_vew_plugin_point() {
    # shellcheck disable=SC2194 # the points are rendered in at vew init: constant by design
    case __VEW_RUN_HOOK_POINTS__ in
        *" $1 "*) return 0 ;;
    esac
    return 1
}
