# vew: loading vew into bash or zsh, last in the shim: every function is defined by now.

# _vew_derive_home VALUE: in the caller's _vew_home, the WORKON_HOME that VALUE stands for: ~
# and $VARIABLE expanded, a relative path taken under $HOME, normalised. Common spellings are
# handled here; the core is asked only when the value needs expanding.
_vew_derive_home() {
    case $1 in
        '') _vew_home="$HOME/.virtualenvs" ;;
        *'$'* | *'~'* | */. | */./* | */.. | */../* | *//*)
            _vew_home=$(WORKON_HOME=$1 _vew_core __home) || return 1
            ;;
        /) _vew_home=/ ;;
        /*) _vew_home=${1%/} ;;
        *) _vew_home=$(WORKON_HOME=$1 _vew_core __home) || return 1 ;;
    esac
}

# Loading vew, and virtualenvwrapper_initialize again at any time after: nothing it does
# stacks up when it runs twice, as in virtualenvwrapper.
_vew_load() {
    __VEW_PROLOGUE__
    # The configuration file's values, rendered by `vew init` ('' where the file is silent):
    # defaults that the environment overrides.
    # shellcheck disable=SC2088 # the file's value as written: a ~ in it is expanded below
    local _vew_file_home=__VEW_CONFIG_WORKON_HOME__
    local _vew_home
    [ -n "${WORKON_HOME-}" ] || WORKON_HOME=$_vew_file_home
    _vew_derive_home "$WORKON_HOME" || return 1
    export WORKON_HOME="$_vew_home"
    # Each other setting: the environment's value, else the file's, else its default
    # (vew.settings.SHIM_SETTINGS).
    __VEW_SETTINGS__
    # shellcheck disable=SC2034 # read by core.sh's functions and by virtualenvwrapper's hooks
    case ${OSTYPE-} in
        msys* | cygwin* | win*) VIRTUALENVWRAPPER_ENV_BIN_DIR=Scripts ;;
        *) VIRTUALENVWRAPPER_ENV_BIN_DIR=bin ;;
    esac
    export VIRTUALENVWRAPPER_SCRIPT=__VEW_SCRIPT__
    # The interpreter vew's core runs on, for scripts written for virtualenvwrapper that use it.
    [ -n "${VIRTUALENVWRAPPER_PYTHON-}" ] || export VIRTUALENVWRAPPER_PYTHON=__VEW_PYTHON__
    if [ ! -d "$WORKON_HOME" ] && ! command mkdir -p -- "$WORKON_HOME"; then
        _vew_error __VEW_MESSAGE_CANNOT_CREATE_WORKON_HOME__
        return 1
    fi
    if [ ! -d "$VIRTUALENVWRAPPER_HOOK_DIR" ] && ! command mkdir -p -- "$VIRTUALENVWRAPPER_HOOK_DIR"; then
        _vew_error __VEW_MESSAGE_CANNOT_CREATE_HOOK_DIR__
        return 1
    fi
    __VEW_INITIALIZE_STEPS__
    _vew_complete_setup
    _vew_auto_setup
    return 0
}

_vew_run _vew_load
