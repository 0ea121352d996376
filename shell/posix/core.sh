# vew: the core of the shim that bash and zsh share.
#
# `vew init bash|zsh` renders the files the dialect lists (vew.shells.bash, vew.shells.zsh), in
# this order: this file, compat.sh and auto.sh here; core, completion and auto of the shell's
# own folder; load.sh, which loads vew once every function is defined. Every __VEW_*__ word is a
# placeholder the core fills in (the steps of workon and deactivate come from the core, so
# their order lives in one place for every shell). Sourcing the result starts no process.
#
# Only the user commands and the _vew_* functions are defined; internal variables are locals.

_vew_core() {
    __VEW_CORE__ "$@"
}

_vew_error() {
    builtin printf 'ERROR: %s\n' "$1" >&2
}

_vew_warning() {
    builtin printf 'WARNING: %s\n' "$1" >&2
}

# _vew_echo TEXT: one line of output the user asked for, in order with what hooks print.
_vew_echo() {
    builtin printf '%s\n' "$1"
}

# Commands that are not on the hot path run in the core, which prints what the user asked
# for on stdout (here fd 4) and writes what the shell itself must do (activate, cd, source
# hooks) on fd 3, which is then evaluated here. No temporary file, no external command.
_vew_call() {
    __VEW_PROLOGUE__
    local _vew_code _vew_status=0 _vew_code_status=0
    _vew_run_core __call __VEW_SHELL__ fd:3 "$@" || _vew_status=$?
    if [ -n "$_vew_code" ]; then
        eval "$_vew_code" || _vew_code_status=$?
    fi
    [ "$_vew_status" -ne 0 ] || _vew_status=$_vew_code_status
    return "$_vew_status"
}

_vew_ensure_home() {
    [ -d "$WORKON_HOME" ] && return 0
    builtin printf '%s\n' __VEW_MESSAGE_NO_WORKON_HOME__ >&2
    command mkdir -p -- "$WORKON_HOME"
}

# True when a hook file holds nothing but comments and blank lines: running it would do
# nothing, so the hot path skips the process it would cost (vew's own stubs look like this).
_vew_is_stub() {
    local _vew_line
    while IFS= read -r _vew_line || [ -n "$_vew_line" ]; do
        case $_vew_line in
            '' | '#'*) ;;
            *) return 1 ;;
        esac
    done <"$1"
    return 0
}

# _vew_source_hook DIR NAME: source DIR/NAME in this shell (see _vew_source), reporting failure.
# A hook someone else could have written is not sourced (_vew_trusted).
_vew_source_hook() {
    [ -n "$1" ] && [ -f "$1/$2" ] || return 0
    local _vew_hook="$1/$2" _vew_hook_status=0
    # Nothing but comments (vew's own stubs): there is nothing to source, nor to trust.
    _vew_is_stub "$_vew_hook" && return 0
    _vew_trusted "$_vew_hook" sourced || return 0
    _vew_source "$_vew_hook" || _vew_hook_status=$?
    if [ "$_vew_hook_status" -ne 0 ]; then
        _vew_error __VEW_MESSAGE_HOOK_FAILED__
    fi
    return 0
}

# Runs the code in the caller's _vew_file (see _vew_source -c) in a function of its own, so
# that a `return` in it (an `exit`, while a hook is sourced) ends the code, as it would end a
# sourced file, and not the caller.
_vew_eval_code() {
    # shellcheck disable=SC2154 # the caller's local, seen here by bash's and zsh's dynamic scope
    eval "$_vew_file"
}

# _vew_source_code CODE ORIGIN [SUBSHELL]: run CODE, the shell code a virtualenvwrapper plugin
# returned (ORIGIN says which), as a sourced hook runs, reporting failure; with SUBSHELL=1 in a
# subshell, where virtualenvwrapper ran it in one.
_vew_source_code() {
    local _vew_code_status=0
    if [ "${3-}" = 1 ]; then
        (_vew_source -c "$1") || _vew_code_status=$?
    else
        _vew_source -c "$1" || _vew_code_status=$?
    fi
    if [ "$_vew_code_status" -ne 0 ]; then
        _vew_error "shell code of $2 exited with status $_vew_code_status"
    fi
    return 0
}

# _vew_run_hook DIR NAME ARGS...: run DIR/NAME as a program, in $WORKON_HOME.
_vew_run_hook() {
    [ -n "$1" ] && [ -f "$1/$2" ] || return 0
    local _vew_hook="$1/$2" _vew_hook_status=0
    shift 2
    if [ ! -x "$_vew_hook" ]; then
        _vew_error __VEW_MESSAGE_HOOK_NOT_EXECUTABLE__
        return 0
    fi
    _vew_is_stub "$_vew_hook" && return 0
    _vew_trusted "$_vew_hook" run || return 0
    (_vew_cd "$WORKON_HOME" && "$_vew_hook" "$@") || _vew_hook_status=$?
    if [ "$_vew_hook_status" -ne 0 ]; then
        _vew_error __VEW_MESSAGE_HOOK_FAILED__
    fi
    return "$_vew_hook_status"
}

# Sets the caller's _vew_project and _vew_project_hooks from ENV's project file. A relative
# path is taken relative to ENV, here, once: the cd and the project hooks then use the same
# absolute path, which CDPATH never redirects.
_vew_read_project() {
    _vew_project=""
    _vew_project_hooks=""
    if [ -f "$1/$VIRTUALENVWRAPPER_PROJECT_FILENAME" ]; then
        IFS= read -r _vew_project <"$1/$VIRTUALENVWRAPPER_PROJECT_FILENAME" || :
    fi
    case $_vew_project in
        '') return 0 ;;
        /*) ;;
        *) _vew_project="$1/$_vew_project" ;;
    esac
    _vew_project_hooks="$_vew_project/"__VEW_FILE_PROJECT_HOOKS__
}

_vew_activate() {
    local _vew_script="$1/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate"
    set --
    # shellcheck disable=SC1090 # the environment's own script: known only when it runs
    . "$_vew_script"
    # Keep the environment's own deactivate under another name: ours runs the hooks around it.
    _vew_keep_env_deactivate
    deactivate() {
        _vew_run _vew_deactivate "$@"
    }
}

_vew_project_cd() {
    export VIRTUALENVWRAPPER_PROJECT_CD="$2"
    if [ "$2" = 1 ] && [ -n "$1" ] && [ -d "$1" ]; then
        _vew_cd "$1"
    fi
    return 0
}

_vew_finish_activate() {
    unset VIRTUALENVWRAPPER_PROJECT_CD
    if [ "$2" = 1 ] && [ -n "$1" ] && [ ! -d "$1" ]; then
        local _vew_project=$1
        _vew_error __VEW_MESSAGE_PROJECT_MISSING__
        return 1
    fi
    return 0
}

_vew_env_deactivate() {
    _vew_env_own_deactivate "$2"
    export VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV="$1"
    export VIRTUALENVWRAPPER_LAST_VIRTUALENV="$1"
}

_vew_finish_deactivate() {
    unset VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV VIRTUALENVWRAPPER_LAST_VIRTUALENV
    [ "$2" = nondestructive ] && return 0
    # The environment's own deactivate may already have removed ours.
    unset -f deactivate _vew_env_own_deactivate 2>/dev/null
    if [ -f "$1/"__VEW_FILE_TMPENV__ ]; then
        local _vew_name=${1##*/}
        builtin printf '%s\n' __VEW_MESSAGE_REMOVING_TMPENV__
        _vew_call rmvirtualenv "$_vew_name"
    fi
    return 0
}

# _vew_run_in ENV PATH PROMPT COMMAND ARGS...: COMMAND (a program or a function of this shell)
# in a subshell with the variables the core computed for "inside ENV" (the same as `vew run`
# gives a program), without hooks, in ENV. Whatever COMMAND changes stays in the subshell.
_vew_run_in() {
    (
        export VIRTUAL_ENV="$1" PATH="$2" VIRTUAL_ENV_PROMPT="$3"
        unset PYTHONHOME
        _vew_cd "$1" || exit 1
        shift 3
        "$@"
    )
}

# workon's checks (vew.steps.WORKON_CHECKS): each is true when its problem is there.
_vew_missing() {
    [ -z "$1" ] || { [ ! -e "$1" ] && [ ! -L "$1" ]; }
}

_vew_dangling() {
    [ ! -e "$1" ]
}

_vew_not_directory() {
    [ ! -d "$1" ]
}

_vew_incomplete() {
    [ -e "$1/"__VEW_FILE_INCOMPLETE__ ]
}

_vew_no_activate_script() {
    [ ! -f "$1/activate" ]
}

_vew_interpreter_dangling() {
    _vew_interpreter_missing "$1" && [ -L "$1" ]
}

_vew_interpreter_missing() {
    [ ! -e "$1" ] && [ ! -e "$1.exe" ]
}

# A FIFO or another special file, which python would block reading (a directory does not).
_vew_pyvenv_cfg_not_regular() {
    [ -e "$1/pyvenv.cfg" ] && [ ! -f "$1/pyvenv.cfg" ] && [ ! -d "$1/pyvenv.cfg" ]
}

_vew_no_pyvenv_cfg() {
    [ ! -f "$1/pyvenv.cfg" ]
}

# _vew_workon NAME CD: the whole of `workon NAME`, hooks included.
_vew_workon() {
    local _vew_name="$1" _vew_cd="$2"
    local _vew_env="$WORKON_HOME/$1"
    local _vew_env_bin="$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR"
    local _vew_python="$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR/python"
    local _vew_project _vew_project_hooks
    case $_vew_name in
        '' | . | .. | */*) _vew_env="" ;;
    esac
    # A repair that was killed keeps the environment aside: the core puts it back first.
    if [ -n "$_vew_env" ] && [ -d "$WORKON_HOME/.$_vew_name"__VEW_FILE_REPAIR_BACKUP__ ]; then
        _vew_core __recover
    fi
    # Something is there: say what is wrong with it rather than that it does not exist.
    __VEW_WORKON_CHECKS__
    _vew_read_project "$_vew_env"
    # The environment is chosen here: auto-activation, which calls this too, marks it as its
    # own again afterwards, and deactivates only what it marked.
    unset _VEW_AUTO_ENV
    # Leave the current environment first, with its hooks, if vew activated it.
    if typeset -f _vew_env_own_deactivate >/dev/null; then
        _vew_deactivate
    fi
    __VEW_ACTIVATE_STEPS__
}

_vew_deactivate() {
    __VEW_PROLOGUE__
    local _vew_mode="${1-}" _vew_env="${VIRTUAL_ENV-}"
    local _vew_name="${VIRTUAL_ENV##*/}" _vew_env_bin="$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR"
    local _vew_project _vew_project_hooks
    _vew_read_project "$_vew_env"
    __VEW_DEACTIVATE_STEPS__
}

workon() {
    _vew_run _vew_workon_command "$@"
}

_vew_workon_command() {
    __VEW_PROLOGUE__
    local _vew_cd="$VIRTUALENVWRAPPER_WORKON_CD" _vew_name="" _vew_arg
    for _vew_arg in "$@"; do
        case $_vew_arg in
            __VEW_FLAGS_HELP__)
                _vew_call workon --help
                return
                ;;
            __VEW_FLAGS_CD__) _vew_cd=1 ;;
            __VEW_FLAGS_NO_CD__) _vew_cd=0 ;;
            -?*)
                _vew_error __VEW_MESSAGE_WORKON_UNKNOWN_OPTION__
                return 1
                ;;
            *) [ -n "$_vew_name" ] || _vew_name=$_vew_arg ;;
        esac
    done
    _vew_ensure_home || return 1
    if [ -z "$_vew_name" ]; then
        _vew_list
        return 1
    fi
    [ "$_vew_name" != . ] || _vew_name=${PWD##*/}
    _vew_workon "$_vew_name" "$_vew_cd"
}

lsvirtualenv() {
    _vew_run _vew_lsvirtualenv "$@"
}

_vew_lsvirtualenv() {
    __VEW_PROLOGUE__
    if [ "$#" -eq 1 ] && [ "$1" = -b ]; then
        _vew_ensure_home || return 1
        _vew_list
        return 0
    fi
    _vew_call lsvirtualenv "$@"
}

# Every other command runs in the core; `vew init` writes one function per command here.
__VEW_CORE_COMMANDS__

# `vew` itself (doctor, pythons, run ...): the installation this shim came from, whatever PATH
# holds or which environment is active.
vew() {
    _vew_core "$@"
}
